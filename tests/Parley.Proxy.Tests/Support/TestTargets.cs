using System.Net.Security;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;
using Parley.Core.DiscoveryChain;
using Parley.Core.DiscoveryChain.Execution;
using Parley.Proxy.Config;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Tests.Support;

/// <summary>Upstreams and targets built by hand, as the config source builds them from chains and health reads.</summary>
internal static class TestTargets
{
    /// <summary>A <c>proxy-defaults</c> entry that makes every service speak HTTP (L7: the chain and intentions per request).</summary>
    public const string HttpDefaults = """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""";

    public static IReadOnlyList<SslApplicationProtocol> Alpn(string protocol) => protocol switch
    {
        "tcp" => [],
        "http2" or "grpc" => [SslApplicationProtocol.Http2],
        _ => [SslApplicationProtocol.Http11],
    };

    /// <summary>A local target: the service's sidecars, SNI and SAN of the service, local roots.</summary>
    public static TargetSnapshot Local(TestCluster cluster, string service, string protocol, params ServiceEndpoint[] endpoints) => new()
    {
        Id = $"{service}.default.default.{cluster.Datacenter}",
        Tls = new ClientTlsSettings(cluster.Sni(service), [cluster.ServiceId(service)], new TrustStore([cluster.Bundle()]), Alpn(protocol)),
        Endpoints = endpoints,
    };

    /// <summary>A peer target: reached at <paramref name="endpoints"/>, verified against the exporter's bundle only.</summary>
    public static TargetSnapshot Peer(TestCluster exporter, string service, string peer, string protocol,
        params ServiceEndpoint[] endpoints) => new()
        {
            Id = $"{service}.default.default.external.{peer}",
            Tls = new ClientTlsSettings(
            $"{service}.default.default.importer.external.{exporter.TrustDomain}",
            [exporter.ServiceId(service), exporter.GatewayId],
            new TrustStore([exporter.Bundle(peer)]),
            Alpn(protocol)),
            Endpoints = endpoints,
        };

    /// <summary>The compiled chain of <paramref name="service"/> over Consul-JSON config entries.</summary>
    public static ChainPlan Chain(TestCluster cluster, string service, params string[] entries) =>
        ChainPlan.From(DiscoveryChainCompiler.Compile(new DiscoveryChainRequest
        {
            ServiceName = service,
            EvaluateInDatacenter = cluster.Datacenter,
            EvaluateInTrustDomain = cluster.TrustDomain,
            Entries = new ConfigEntrySet(entries.Select(e => ConfigEntryNormalizer.Normalize(ConfigEntryCodec.DecodeJson(e)))),
        }));

    public static UpstreamSnapshot Upstream(string destination, int bindPort, ChainPlan plan, params TargetSnapshot[] targets) => new()
    {
        Upstream = new Upstream { DestinationName = destination, LocalBindPort = bindPort },
        Protocol = plan.Protocol,
        Plan = plan,
        Targets = targets.ToDictionary(t => t.Id),
    };

    public static ServiceEndpoint At(int port, bool healthy = true, int weight = 1) => new("127.0.0.1", port, healthy, weight);
}
