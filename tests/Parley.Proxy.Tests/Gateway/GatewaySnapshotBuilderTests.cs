using System.Collections.Immutable;
using System.Net.Security;
using Parley.Core.Connect;
using Parley.Core.Connect.Gateway;
using Parley.Proxy.Config;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Gateway;
using Parley.Proxy.Gateway.Inputs;
using Parley.Proxy.Tests.Support;

namespace Parley.Proxy.Tests.Gateway;

/// <summary>From what the agent says to the routes a gateway serves: pure, no sockets.</summary>
public sealed class GatewaySnapshotBuilderTests : IDisposable
{
    private const string HttpDefaults = """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""";
    private readonly TestCluster _local = new("dc1");
    private readonly TestCluster _peer = new("dc2");
    private readonly TestCluster _other = new("dc3");

    public void Dispose()
    {
        _local.Dispose();
        _peer.Dispose();
        _other.Dispose();
    }

    private GatewayInputs Inputs(params string[] entries) => new GatewayInputs
    {
        Datacenter = "dc1",
        Registration = new ProxyRegistration("mesh-gateway", "mesh-gateway", "mesh-gateway", "127.0.0.1", 8443, new ConnectProxyConfig()),
        Leaf = _local.GatewayLeaf(),
        LocalRoots = _local.Bundle(),
        PeerBundles = [_peer.Bundle("cluster-02"), _other.Bundle("cluster-03")],
        Exports = [new ExportedServiceInput("backend", ["cluster-02", "cluster-03"])],
        Endpoints = ImmutableDictionary<EndpointKey, IReadOnlyList<EndpointInput>>.Empty
            .Add(new EndpointKey("backend", ""),
                [new EndpointInput("10.0.0.1", 21000, ["passing"]), new EndpointInput("10.0.0.2", 21000, ["critical"])]),
    }.WithEntries(entries);

    private string Sni(string service, string peer) => MeshSni.PeeredService(service, "", "", peer, _local.TrustDomain);

    [Fact]
    public void NothingUntilRegistrationRootsAndDatacenterAreKnown()
    {
        Assert.Null(GatewaySnapshotBuilder.Build(new GatewayInputs()).Snapshot);
        Assert.Null(GatewaySnapshotBuilder.Build(Inputs() with { Registration = null }).Snapshot);
        Assert.Null(GatewaySnapshotBuilder.Build(Inputs() with { LocalRoots = null }).Snapshot);
        Assert.Null(GatewaySnapshotBuilder.Build(Inputs() with { Datacenter = "" }).Snapshot);
        Assert.NotNull(GatewaySnapshotBuilder.Build(Inputs() with { Leaf = null }).Snapshot);
    }

    [Fact]
    public void ListensOnTheRegistrationsAddress()
    {
        var snapshot = GatewaySnapshotBuilder.Build(Inputs() with
        {
            Registration = new ProxyRegistration("gw-1", "mesh-gateway", "mesh-gateway", "", 9443, new ConnectProxyConfig()),
        }).Snapshot!;

        Assert.Equal(
            ("gw-1", "mesh-gateway", "0.0.0.0", 9443), (snapshot.ServiceId, snapshot.Service, snapshot.BindAddress, snapshot.BindPort));
    }

    [Fact]
    public void ExportedTcpService_PassesThroughToItsSidecars()
    {
        var build = GatewaySnapshotBuilder.Build(Inputs());

        var route = Assert.IsType<PassthroughRoute>(build.Snapshot!.Lookup(Sni("backend", "cluster-02")));
        Assert.Equal(MeshGatewayRouteKind.ExportedTcp, route.Route.Kind);
        Assert.Equal([new ServiceEndpoint("10.0.0.1", 21000), new ServiceEndpoint("10.0.0.2", 21000, Healthy: false)], route.Endpoints);
        Assert.Equal(TimeSpan.FromSeconds(5), route.ConnectTimeout);
        Assert.NotNull(build.Snapshot.Lookup(Sni("backend", "cluster-03")));
        Assert.Contains(new EndpointKey("backend", ""), build.Endpoints);
    }

    [Fact]
    public void ExportedHttpService_TerminatesWithThePeersBundleOnly_AndReoriginatesToLocalTargets()
    {
        var snapshot = GatewaySnapshotBuilder.Build(Inputs(HttpDefaults)).Snapshot!;

        var route = Assert.IsType<TerminatingRoute>(snapshot.Lookup(Sni("backend", "cluster-02")));
        Assert.Equal(["cluster-02"], route.ClientTrust.Bundles.Select(b => b.PeerName));
        Assert.Equal(["cluster-03"],
            Assert.IsType<TerminatingRoute>(snapshot.Lookup(Sni("backend", "cluster-03"))).ClientTrust.Bundles.Select(b => b.PeerName));
        var target = route.Chain.Targets.Values.Single();
        Assert.Equal("backend.default.default.dc1", target.Id);
        Assert.Equal($"backend.default.dc1.internal.{_local.TrustDomain}", target.Tls.Sni);
        Assert.Equal([_local.ServiceId("backend")], target.Tls.ExpectedSans);
        Assert.Equal([SslApplicationProtocol.Http11], target.Tls.ApplicationProtocols);
        Assert.Equal([_local.TrustDomain], target.Tls.Trust.Bundles.Select(b => b.TrustDomain));
        Assert.Equal(2, target.Endpoints.Count);
        Assert.Equal(("backend", "http"), (route.Chain.Id, route.Chain.Protocol));
    }

    [Fact]
    public void ExportedHttpService_WaitsForTheGatewayLeafAndThePeersBundle()
    {
        var noLeaf = GatewaySnapshotBuilder.Build(Inputs(HttpDefaults) with { Leaf = null });
        var noBundle = GatewaySnapshotBuilder.Build(Inputs(HttpDefaults) with { PeerBundles = [_other.Bundle("cluster-03")] });

        Assert.Null(noLeaf.Snapshot!.Lookup(Sni("backend", "cluster-02")));
        Assert.Null(noBundle.Snapshot!.Lookup(Sni("backend", "cluster-02")));
        Assert.NotNull(noBundle.Snapshot.Lookup(Sni("backend", "cluster-03")));
        Assert.Contains(noBundle.Warnings, w => w.Contains("no trust bundle from peer cluster-02", StringComparison.Ordinal));
    }

    [Fact]
    public void TheGatewayAppliesNoFailover_AndDropsTargetsAcrossABoundary()
    {
        var build = GatewaySnapshotBuilder.Build(Inputs(HttpDefaults,
            """{"Kind":"service-resolver","Name":"backend","Failover":{"*":{"Targets":[{"Peer":"cluster-02"},{"Service":"backup"}]}}}""",
            """{"Kind":"service-resolver","Name":"backend-peer","Redirect":{"Service":"backend","Peer":"cluster-02"}}""",
            """{"Kind":"service-splitter","Name":"backend","Splits":[{"Weight":50},{"Weight":50,"Service":"backend-peer"}]}"""));

        var route = Assert.IsType<TerminatingRoute>(build.Snapshot!.Lookup(Sni("backend", "cluster-02")));
        Assert.Equal(["backend.default.default.dc1"], route.Chain.Targets.Keys);
        Assert.Equal(["backend.default.default.dc1", "backend.default.default.external.cluster-02"], route.Chain.Plan.TargetIds);
        Assert.Contains(build.Warnings, w => w.StartsWith(GatewaySnapshotBuilder.CrossBoundaryWarning, StringComparison.Ordinal));
        Assert.DoesNotContain(new EndpointKey("backup", ""), build.Endpoints);
    }

    [Fact]
    public void ExportedTcpService_RedirectedToAPeer_HasNoEndpoints()
    {
        var build = GatewaySnapshotBuilder.Build(
            Inputs("""{"Kind":"service-resolver","Name":"backend","Redirect":{"Peer":"cluster-02"}}"""));

        Assert.Empty(Assert.IsType<PassthroughRoute>(build.Snapshot!.Lookup(Sni("backend", "cluster-02"))).Endpoints);
        Assert.Contains(build.Warnings, w => w.StartsWith(GatewaySnapshotBuilder.CrossBoundaryWarning, StringComparison.Ordinal));
    }

    [Fact]
    public void ImportedService_IsRoutedByItsExportersSni_ToThePeersGatewaysWanAddresses()
    {
        var sni = $"api.default.default.cluster-01.external.{_peer.TrustDomain}";
        var meta = new PeeringServiceMeta { SNI = [sni], SpiffeID = [_peer.ServiceId("api")], Protocol = "http" };
        var build = GatewaySnapshotBuilder.Build(Inputs() with
        {
            Imports = [new ImportedServiceInput("api", "cluster-02")],
            Endpoints = Inputs().Endpoints.Add(new EndpointKey("api", "cluster-02"),
            [
                new EndpointInput("10.1.0.1", 8443, ["passing"], WanAddress: "198.51.100.1", WanPort: 443, PeerMeta: meta),
                new EndpointInput("10.1.0.2", 8443, ["critical"], PeerMeta: meta),
            ]),
        });

        var route = Assert.IsType<PassthroughRoute>(build.Snapshot!.Lookup(sni));
        Assert.Equal(MeshGatewayRouteKind.Imported, route.Route.Kind);
        Assert.Equal([new ServiceEndpoint("198.51.100.1", 443), new ServiceEndpoint("10.1.0.2", 8443, Healthy: false)], route.Endpoints);
        Assert.Contains(new EndpointKey("api", "cluster-02"), build.Endpoints);
    }

    [Fact]
    public void ImportedService_WithoutInstancesYet_HasNoRoute()
    {
        var build = GatewaySnapshotBuilder.Build(Inputs() with { Imports = [new ImportedServiceInput("api", "cluster-02")] });

        Assert.DoesNotContain(build.Snapshot!.Routes.Values, r => r.Route.Kind == MeshGatewayRouteKind.Imported);
        Assert.Contains(new EndpointKey("api", "cluster-02"), build.Endpoints);
    }

    [Fact]
    public void PeerThroughMeshGateways_RoutesTheControlPlane()
    {
        var off = GatewaySnapshotBuilder.Build(Inputs());
        var on = GatewaySnapshotBuilder.Build(Inputs("""{"Kind":"mesh","Peering":{"PeerThroughMeshGateways":true}}""") with
        {
            LocalServers = [new EndpointInput("127.0.0.1", 8503, ["passing"])],
            PeerServers = [
                new PeerServersInput("cluster-02", $"server.dc2.peering.{_peer.TrustDomain}", ["198.51.100.7:8443", "[2001:db8::1]:9443"])],
        });

        Assert.False(off.NeedsLocalServers);
        Assert.True(on.NeedsLocalServers);
        Assert.Null(off.Snapshot!.Lookup($"server.dc1.peering.{_local.TrustDomain}"));
        Assert.Equal([new ServiceEndpoint("127.0.0.1", 8503)],
            Assert.IsType<PassthroughRoute>(on.Snapshot!.Lookup($"server.dc1.peering.{_local.TrustDomain}")).Endpoints);
        Assert.Equal([new ServiceEndpoint("198.51.100.7", 8443), new ServiceEndpoint("2001:db8::1", 9443)],
            Assert.IsType<PassthroughRoute>(on.Snapshot.Lookup($"server.dc2.peering.{_peer.TrustDomain}")).Endpoints);
    }

    [Fact]
    public void AChainThatStopsCompiling_KeepsItsLastGoodPlan()
    {
        var good = GatewaySnapshotBuilder.Build(Inputs(HttpDefaults));

        // A router on a service whose protocol turned tcp is a graph error in Consul.
        var bad = GatewaySnapshotBuilder.Build(
            Inputs("""{"Kind":"service-defaults","Name":"backend","Protocol":"tcp"}""",
                """{"Kind":"service-router","Name":"backend","Routes":[{"Match":{"HTTP":{"PathPrefix":"/a"}}}]}"""),
            good.Chains);

        Assert.IsType<TerminatingRoute>(bad.Snapshot!.Lookup(Sni("backend", "cluster-02")));
        Assert.Contains(
            bad.Warnings, w => w.StartsWith("exported service backend: discovery chain does not compile", StringComparison.Ordinal));
    }
}
