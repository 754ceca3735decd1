using Parley.Core.Connect;
using Parley.Core.Connect.Gateway;
using Parley.Core.DiscoveryChain.Execution;
using Parley.Proxy.Config;
using Parley.Proxy.Gateway;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Tests.Support;

/// <summary>Gateway snapshots and routes built by hand, as the gateway's config source builds them from the agent.</summary>
internal static class TestGateways
{
    /// <summary>A gateway of <paramref name="cluster"/> on <paramref name="port"/> with the given routes and its leaf.</summary>
    public static GatewaySnapshot Snapshot(TestCluster cluster, int port, params GatewayRouteSnapshot[] routes) => new()
    {
        ServiceId = "mesh-gateway",
        Service = "mesh-gateway",
        Datacenter = cluster.Datacenter,
        TrustDomain = cluster.TrustDomain,
        Leaf = cluster.GatewayLeaf(),
        BindAddress = "127.0.0.1",
        BindPort = port,
        Table = MeshGatewayRouteTable.Build(new MeshGatewayRoutingInput
        {
            Datacenter = cluster.Datacenter,
            TrustDomain = cluster.TrustDomain,
            Exports = routes.Where(r => r.Route.Kind is MeshGatewayRouteKind.ExportedHttp or MeshGatewayRouteKind.ExportedTcp)
                .Select(r => new MeshGatewayExport(r.Route.Service, r.Route.Protocol, [r.Route.Peer])).ToList(),
        }),
        Routes = routes.ToDictionary(r => r.Route.Sni),
    };

    /// <summary>
    /// The SNI a peer uses for <paramref name="service"/> exported by <paramref name="exporter"/> to <paramref name="peer"/>.
    /// </summary>
    public static string Peered(TestCluster exporter, string service, string peer) =>
        MeshSni.PeeredService(service, "default", "default", peer, exporter.TrustDomain);

    public static PassthroughRoute Passthrough(MeshGatewayRouteKind kind, string sni, params ServiceEndpoint[] endpoints) => new()
    {
        Route = new MeshGatewayRoute(kind, sni),
        Endpoints = endpoints,
        ConnectTimeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>
    /// The exporter's route for <paramref name="service"/> as <paramref name="peer"/> dials it: TLS terminated, the caller's
    /// certificate checked against <paramref name="peerBundle"/> only, then <paramref name="plan"/> over <paramref name="targets"/>.
    /// </summary>
    public static TerminatingRoute Terminating(
        TestCluster exporter, string service, string peer, TrustBundle peerBundle, ChainPlan plan, params TargetSnapshot[] targets) => new()
        {
            Route = new MeshGatewayRoute(MeshGatewayRouteKind.ExportedHttp, Peered(exporter, service, peer), service, peer, plan.Protocol),
            ClientTrust = new TrustStore([peerBundle]),
            Chain = new UpstreamSnapshot
            {
                Upstream = new Upstream { DestinationName = service },
                Protocol = plan.Protocol,
                Plan = plan,
                Targets = targets.ToDictionary(t => t.Id),
            },
        };

    /// <summary>
    /// How a peer's sidecar dials a service exported by <paramref name="exporter"/>: the peered SNI, the service's or the gateway's SAN,
    /// only the exporter's roots.
    /// </summary>
    public static ClientTlsSettings Dial(TestCluster exporter, string service, string peer, string protocol) => new(
        Peered(exporter, service, peer),
        [exporter.ServiceId(service), exporter.GatewayId],
        new TrustStore([exporter.Bundle("exporter")]),
        TestTargets.Alpn(protocol));
}
