using Parley.Proxy.Tls;

namespace Parley.Proxy.Config;

/// <summary>
/// Everything a sidecar's data plane needs at one moment (Consul's proxycfg <c>ConfigSnapshot</c>): who it is, the
/// certificate it presents, whom it trusts, what it admits inbound, and where each upstream's traffic may go.
/// </summary>
/// <remarks>
/// Immutable; the config source publishes a new snapshot on every change, and the data plane swaps to it atomically.
/// Connections and requests read the snapshot that was current when they started.
/// </remarks>
public sealed record ProxySnapshot
{
    /// <summary>The proxy's registration ID (<c>&lt;service-id&gt;-sidecar-proxy</c>).</summary>
    public required string ProxyId { get; init; }

    /// <summary>The service the proxy fronts (its identity, its intentions' destination).</summary>
    public required string Service { get; init; }

    /// <summary>This cluster's datacenter.</summary>
    public required string Datacenter { get; init; }

    /// <summary>This cluster's trust domain.</summary>
    public required string TrustDomain { get; init; }

    /// <summary>The certificate presented on every mTLS connection, inbound and outbound.</summary>
    public required LeafCertificate Leaf { get; init; }

    /// <summary>Inbound: this cluster's roots plus the bundles of the peers the service is exported to.</summary>
    public required TrustStore InboundTrust { get; init; }

    /// <summary>The public listener and the local application behind it.</summary>
    public required InboundSnapshot Inbound { get; init; }

    /// <summary>Who may call the service.</summary>
    public required IntentionRules Intentions { get; init; }

    /// <summary>One entry per upstream listener.</summary>
    public IReadOnlyList<UpstreamSnapshot> Upstreams { get; init; } = [];
}
