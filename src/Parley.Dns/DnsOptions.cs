using System.Net;
using Parley.Core.Dns;

namespace Parley.Dns;

/// <summary>
/// The DNS interface's settings: Consul's <c>domain</c>, <c>alt_domain</c>, <c>recursors</c> and <c>dns_config</c> keys,
/// with Consul's defaults.
/// </summary>
public sealed record DnsOptions
{
    /// <summary><c>domain</c>, fully qualified and lower-case. Defaults to <c>consul.</c>.</summary>
    public string Domain { get; init; } = "consul.";

    /// <summary><c>alt_domain</c>, fully qualified and lower-case; null when not set.</summary>
    public string? AltDomain { get; init; }

    /// <summary>The agent's datacenter: the one answered when a name names none.</summary>
    public string Datacenter { get; init; } = "dc1";

    /// <summary>The agent's node name: what a prepared query's <c>Near = "_agent"</c> names.</summary>
    public string NodeName { get; init; } = "";

    /// <summary>Where to listen (UDP and TCP on the same port).</summary>
    public IPEndPoint? Endpoint { get; init; }

    /// <summary><c>dns_config.node_ttl</c>: TTL of node records. Defaults to 0.</summary>
    public TimeSpan NodeTtl { get; init; }

    /// <summary><c>dns_config.service_ttl</c>: TTLs of service records by name or prefix. Defaults to 0 for all.</summary>
    public DnsServiceTtl ServiceTtl { get; init; } = DnsServiceTtl.None;

    /// <summary><c>dns_config.udp_answer_limit</c>: answers in a UDP reply without EDNS (at most 8). Defaults to 3.</summary>
    public int UdpAnswerLimit { get; init; } = 3;

    /// <summary><c>dns_config.a_record_limit</c>: A/AAAA answers in any reply; 0 = no limit. Defaults to 0.</summary>
    public int ARecordLimit { get; init; }

    /// <summary><c>dns_config.enable_truncate</c>: set TC when a UDP reply was cut, so clients retry over TCP.</summary>
    public bool EnableTruncate { get; init; }

    /// <summary><c>dns_config.only_passing</c>: answer with passing instances only (else passing and warning).</summary>
    public bool OnlyPassing { get; init; }

    /// <summary><c>dns_config.enable_additional_node_meta_txt</c>: node meta as TXT in the additional section. Defaults to true.</summary>
    public bool NodeMetaTxt { get; init; } = true;

    /// <summary><c>dns_config.soa</c>.</summary>
    public DnsSoaOptions Soa { get; init; } = new();

    /// <summary><c>recursors</c>: where names outside the domain are forwarded; empty = refused.</summary>
    public IReadOnlyList<IPEndPoint> Recursors { get; init; } = [];

    /// <summary><c>dns_config.recursor_timeout</c>. Defaults to 2 seconds.</summary>
    public TimeSpan RecursorTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
