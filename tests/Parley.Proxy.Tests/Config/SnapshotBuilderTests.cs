using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Parley.Core.Catalog;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;
using Parley.Proxy.Config;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Tests.Support;

namespace Parley.Proxy.Tests.Config;

public sealed class SnapshotBuilderTests : IDisposable
{
    private readonly TestCluster _local = new("dc2");
    private readonly TestCluster _exporter = new("dc1");

    public void Dispose()
    {
        _local.Dispose();
        _exporter.Dispose();
    }

    private ProxyInputs Inputs(ConnectProxyConfig proxy, string address = "", params string[] entries) => new()
    {
        Datacenter = "dc2",
        Registration = new ProxyRegistration("frontend-sidecar-proxy", "frontend-sidecar-proxy", "connect-proxy", address, 21001, proxy),
        Leaf = _local.Leaf("frontend"),
        LocalRoots = _local.Bundle(),
        PeerBundles = [_exporter.Bundle("cluster-01")],
        Entries = entries.Select(e => ConfigEntryNormalizer.Normalize(ConfigEntryCodec.DecodeJson(e)))
            .GroupBy(e => e.Kind)
            .ToImmutableDictionary(g => g.Key, g => (IReadOnlyList<ConfigEntry>)g.ToList()),
    };

    private static ConnectProxyConfig Proxy(string protocol = "", params Upstream[] upstreams) => new()
    {
        DestinationServiceName = "frontend",
        DestinationServiceID = "frontend",
        LocalServiceAddress = "127.0.0.1",
        LocalServicePort = 8080,
        Config = protocol.Length == 0 ? null : new JsonObject { ["protocol"] = protocol, ["local_connect_timeout_ms"] = 250 },
        Upstreams = upstreams,
    };

    private EndpointInput Synthetic(string gatewayAddress, int port, string status = "passing", string protocol = "http") => new(
        gatewayAddress, port, [status], WanAddress: gatewayAddress, WanPort: port,
        PeerMeta: new PeeringServiceMeta
        {
            SNI = [$"backend.default.default.cluster-02.external.{_exporter.TrustDomain}"],
            SpiffeID = [_exporter.ServiceId("backend"), _exporter.GatewayId],
            Protocol = protocol,
        });

    [Fact]
    public void Build_WithoutLeafOrRoots_HasNoSnapshot()
    {
        var inputs = Inputs(Proxy());

        Assert.Null(SnapshotBuilder.Build(inputs with { Leaf = null }).Snapshot);
        Assert.Null(SnapshotBuilder.Build(inputs with { LocalRoots = null }).Snapshot);
        Assert.NotNull(SnapshotBuilder.Build(inputs).Snapshot);
    }

    [Fact]
    public void Build_Inbound_FollowsTheEffectiveRegistration()
    {
        var snapshot = SnapshotBuilder.Build(Inputs(Proxy("HTTP"))).Snapshot!;

        Assert.Equal(new InboundSnapshot("0.0.0.0", 21001, "127.0.0.1", 8080, "http", TimeSpan.FromMilliseconds(250)), snapshot.Inbound);
        Assert.Equal("frontend", snapshot.Service);
        Assert.Equal(_local.TrustDomain, snapshot.TrustDomain);
        Assert.Equal("tcp", SnapshotBuilder.Build(Inputs(Proxy(), "10.0.0.5")).Snapshot!.Inbound.Protocol);
        Assert.Equal("10.0.0.5", SnapshotBuilder.Build(Inputs(Proxy(), "10.0.0.5")).Snapshot!.Inbound.BindAddress);
    }

    [Fact]
    public void Build_InboundTrust_IsLocalRootsPlusTheExportedToPeers()
    {
        var inputs = Inputs(Proxy()) with { InboundPeerBundles = [_exporter.Bundle("cluster-01")] };

        var trust = SnapshotBuilder.Build(inputs).Snapshot!.InboundTrust;

        Assert.Equal("", trust.PeerNameOf(_local.TrustDomain));
        Assert.Equal("cluster-01", trust.PeerNameOf(_exporter.TrustDomain));
        Assert.Null(SnapshotBuilder.Build(Inputs(Proxy())).Snapshot!.InboundTrust.PeerNameOf(_exporter.TrustDomain));
    }

    [Fact]
    public void Build_LocalUpstream_TargetsTheServicesSidecars()
    {
        var inputs = Inputs(Proxy("http", new Upstream { DestinationName = "backend", LocalBindPort = 9192 }), "",
            """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""") with
        {
            Endpoints = ImmutableDictionary<EndpointKey, IReadOnlyList<EndpointInput>>.Empty
                .Add(new EndpointKey("backend", ""),
                    [new("10.0.0.1", 21000, ["passing"], new ServiceWeights(3, 1)), new("10.0.0.2", 21000, ["critical"])]),
        };

        var build = SnapshotBuilder.Build(inputs);
        var upstream = Assert.Single(build.Snapshot!.Upstreams);
        var target = upstream.Targets["backend.default.default.dc2"];

        Assert.Equal("http", upstream.Protocol);
        Assert.Equal([new EndpointKey("backend", "")], build.Endpoints);
        Assert.Equal($"backend.default.dc2.internal.{_local.TrustDomain}", target.Tls.Sni);
        Assert.Equal([_local.ServiceId("backend")], target.Tls.ExpectedSans);
        Assert.Equal("", target.Tls.Trust.PeerNameOf(_local.TrustDomain));
        Assert.Equal([new ServiceEndpoint("10.0.0.1", 21000, true, 3), new ServiceEndpoint("10.0.0.2", 21000, false, 1)], target.Endpoints);
        Assert.Equal(TimeSpan.FromSeconds(5), target.ConnectTimeout);
    }

    [Fact]
    public void Build_PeerUpstream_HasOneTargetDialedThroughTheExportersGateways()
    {
        var upstream = new Upstream { DestinationName = "backend", DestinationPeer = "cluster-01", LocalBindPort = 9191 };
        var inputs = Inputs(Proxy("http", upstream)) with
        {
            Endpoints = ImmutableDictionary<EndpointKey, IReadOnlyList<EndpointInput>>.Empty
                .Add(new EndpointKey("backend", "cluster-01"), [Synthetic("192.0.2.10", 8443)]),
        };

        var build = SnapshotBuilder.Build(inputs);
        var snapshot = Assert.Single(build.Snapshot!.Upstreams);
        var target = Assert.Single(snapshot.Targets.Values);

        Assert.Equal("backend?peer=cluster-01", snapshot.Id);
        Assert.Equal("http", snapshot.Protocol);
        Assert.Equal("backend.default.default.external.cluster-01", target.Id);
        Assert.Equal([new ServiceEndpoint("192.0.2.10", 8443)], target.Endpoints);
        Assert.Equal($"backend.default.default.cluster-02.external.{_exporter.TrustDomain}", target.Tls.Sni);
        Assert.Equal([_exporter.ServiceId("backend"), _exporter.GatewayId], target.Tls.ExpectedSans);
        Assert.Equal("cluster-01", target.Tls.Trust.PeerNameOf(_exporter.TrustDomain));
        Assert.Null(target.Tls.Trust.PeerNameOf(_local.TrustDomain));
        Assert.False(build.NeedsLocalMeshGateways);
    }

    [Fact]
    public void Build_MeshGatewayModeLocal_DialsOurGatewaysWithThePeersSni()
    {
        var upstream = new Upstream { DestinationName = "backend", DestinationPeer = "cluster-01", LocalBindPort = 9191 };
        var inputs = Inputs(Proxy("http", upstream) with { MeshGateway = new MeshGatewayConfig { Mode = "local" } }) with
        {
            Endpoints = ImmutableDictionary<EndpointKey, IReadOnlyList<EndpointInput>>.Empty
                .Add(new EndpointKey("backend", "cluster-01"), [Synthetic("192.0.2.10", 8443)]),
        };

        var before = SnapshotBuilder.Build(inputs);
        var after = SnapshotBuilder.Build(inputs with { LocalMeshGateways = [new("127.0.0.1", 24443, ["passing"])] });

        Assert.True(before.NeedsLocalMeshGateways);
        Assert.Empty(before.Snapshot!.Upstreams[0].Targets.Values.Single().Endpoints);
        var target = after.Snapshot!.Upstreams[0].Targets.Values.Single();
        Assert.Equal([new ServiceEndpoint("127.0.0.1", 24443)], target.Endpoints);
        Assert.Equal($"backend.default.default.cluster-02.external.{_exporter.TrustDomain}", target.Tls.Sni);
    }

    [Fact]
    public void Build_FailoverToPeer_WatchesThePeersInstancesToo()
    {
        var inputs = Inputs(Proxy("http", new Upstream { DestinationName = "backend", LocalBindPort = 9192 }), "",
            """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""",
            """{"Kind":"service-resolver","Name":"backend","Failover":{"*":{"Targets":[{"Peer":"cluster-01"}]}}}""");

        var build = SnapshotBuilder.Build(inputs);

        Assert.Equal(
            new HashSet<EndpointKey> { new("backend", ""), new("backend", "cluster-01") },
            build.Endpoints.ToHashSet());
        Assert.Equal(2, build.Snapshot!.Upstreams[0].Targets.Count);
    }

    [Fact]
    public void Build_ChainThatStopsCompiling_KeepsTheLastGoodOne()
    {
        var upstream = new Upstream { DestinationName = "backend", LocalBindPort = 9192 };
        var good = SnapshotBuilder.Build(Inputs(Proxy("http", upstream), "",
            """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""",
            """{"Kind":"service-resolver","Name":"backend","Redirect":{"Peer":"cluster-01"}}"""));

        // A splitter on a tcp service cannot compile.
        var broken = SnapshotBuilder.Build(Inputs(Proxy("http", upstream), "",
            """{"Kind":"service-splitter","Name":"backend","Splits":[{"Weight":100}]}"""), good.Chains);

        Assert.Contains(broken.Warnings, w => w.Contains("does not compile", StringComparison.Ordinal));
        Assert.Equal(["backend.default.default.external.cluster-01"], broken.Snapshot!.Upstreams[0].Targets.Keys);
    }

    [Fact]
    public void Build_Intentions_AreThoseOfTheProxiedService()
    {
        var snapshot = SnapshotBuilder.Build(Inputs(Proxy(), "",
            """{"Kind":"service-intentions","Name":"frontend","Sources":[{"Name":"web","Action":"deny"}]}""",
            """{"Kind":"service-intentions","Name":"other","Sources":[{"Name":"api","Action":"deny"}]}""")).Snapshot!;

        Assert.False(snapshot.Intentions.Decide(new Parley.Core.Intentions.IntentionCaller("web")).Allowed);
        Assert.True(snapshot.Intentions.Decide(new Parley.Core.Intentions.IntentionCaller("api")).Allowed);
    }

    [Fact]
    public void Build_SubsetFilter_SelectsTheMatchingInstances()
    {
        EndpointInput Instance(string address, string version, string status = "passing") => new(address, 21000, [status],
            Subject: new EndpointSubject
            {
                ServiceName = "backend-sidecar-proxy",
                Meta = new Dictionary<string, string> { ["version"] = version },
            });
        var inputs = Inputs(Proxy("http", new Upstream { DestinationName = "backend", LocalBindPort = 9192 }), "",
            """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""",
            """
            {"Kind":"service-resolver","Name":"backend","DefaultSubset":"v2",
             "Subsets":{"v1":{"Filter":"Service.Meta.version == v1"},"v2":{"Filter":"Service.Meta.version == v2","OnlyPassing":true}}}
            """) with
        {
            Endpoints = ImmutableDictionary<EndpointKey, IReadOnlyList<EndpointInput>>.Empty
                .Add(new EndpointKey("backend", ""),
                    [Instance("10.0.0.1", "v1"), Instance("10.0.0.2", "v2"), Instance("10.0.0.3", "v2", "warning")]),
        };

        var target = SnapshotBuilder.Build(inputs).Snapshot!.Upstreams[0].Targets.Values.Single();

        Assert.Equal("v2.backend.default.default.dc2", target.Id);
        Assert.Equal($"v2.backend.default.dc2.internal.{_local.TrustDomain}", target.Tls.Sni);
        Assert.Equal([new ServiceEndpoint("10.0.0.2", 21000), new ServiceEndpoint("10.0.0.3", 21000, Healthy: false)], target.Endpoints);
    }
}
