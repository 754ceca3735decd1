using Parley.Core.Connect;
using Parley.Core.Connect.Gateway;

namespace Parley.Core.Tests.Connect.Gateway;

public sealed class MeshGatewayRouteTableTests
{
    private const string Td = "11111111-2222-3333-4444-555555555555.consul";
    private const string PeerTd = "99999999-8888-7777-6666-555555555555.consul";

    private static MeshGatewayRouteTable Build(
        MeshGatewayExport[]? exports = null,
        MeshGatewayImport[]? imports = null,
        MeshGatewayPeerServers[]? peerServers = null,
        bool peerThroughGateways = false,
        bool localServers = true) =>
        MeshGatewayRouteTable.Build(new MeshGatewayRoutingInput
        {
            Datacenter = "dc1",
            TrustDomain = Td,
            PeerThroughMeshGateways = peerThroughGateways,
            HasLocalServers = localServers,
            Exports = exports ?? [],
            Imports = imports ?? [],
            PeerServers = peerServers ?? [],
        });

    [Fact]
    public void ExportedService_HasOnePeeredSniPerConsumerPeer()
    {
        var table = Build([new MeshGatewayExport("backend", "tcp", ["cluster-02", "cluster-03"])]);

        var two = table.Lookup($"backend.default.default.cluster-02.external.{Td}");
        var three = table.Lookup($"backend.default.default.cluster-03.external.{Td}");

        Assert.Equal(
            new MeshGatewayRoute(MeshGatewayRouteKind.ExportedTcp, $"backend.default.default.cluster-02.external.{Td}", "backend",
            "cluster-02"), two);
        Assert.Equal("cluster-03", three!.Peer);
        Assert.True(two!.IsPassthrough);
        Assert.Equal(2, table.Routes.Count);
    }

    [Theory]
    [InlineData("http", MeshGatewayRouteKind.ExportedHttp)]
    [InlineData("http2", MeshGatewayRouteKind.ExportedHttp)]
    [InlineData("grpc", MeshGatewayRouteKind.ExportedHttp)]
    [InlineData("tcp", MeshGatewayRouteKind.ExportedTcp)]
    [InlineData("", MeshGatewayRouteKind.ExportedTcp)]
    public void ExportedService_ProtocolDecidesWhetherTheGatewayTerminates(string protocol, MeshGatewayRouteKind kind)
    {
        var route = Build([new MeshGatewayExport("backend", protocol, ["p"])]).Lookup(MeshSni.PeeredService("backend", "", "", "p", Td))!;

        Assert.Equal(kind, route.Kind);
        Assert.Equal(kind != MeshGatewayRouteKind.ExportedHttp, route.IsPassthrough);
        Assert.Equal(protocol.Length == 0 ? "tcp" : protocol, route.Protocol);
    }

    [Fact]
    public void Lookup_IgnoresCase()
    {
        var table = Build([new MeshGatewayExport("backend", "http", ["cluster-02"])]);

        Assert.NotNull(table.Lookup($"BACKEND.default.default.Cluster-02.external.{Td.ToUpperInvariant()}"));
    }

    [Fact]
    public void ImportedService_IsRoutedByTheSniItsExporterGave()
    {
        var sni = $"backend.default.default.cluster-02.external.{PeerTd}";

        var route = Build(imports: [new MeshGatewayImport("backend", "cluster-01", sni)]).Lookup(sni);

        Assert.Equal(new MeshGatewayRoute(MeshGatewayRouteKind.Imported, sni, "backend", "cluster-01"), route);
    }

    [Fact]
    public void ServerRoutes_OnlyWhenPeeringThroughMeshGateways()
    {
        var peerServers = new[] { new MeshGatewayPeerServers("cluster-02", $"server.dc2.peering.{PeerTd}") };
        var off = Build(peerServers: peerServers);
        var on = Build(peerServers: peerServers, peerThroughGateways: true);
        var noServers = Build(peerServers: peerServers, peerThroughGateways: true, localServers: false);

        Assert.Null(off.Lookup($"server.dc1.peering.{Td}"));
        Assert.Null(off.Lookup($"server.dc2.peering.{PeerTd}"));
        Assert.Equal(MeshGatewayRouteKind.LocalPeeringServers, on.Lookup($"server.dc1.peering.{Td}")!.Kind);
        Assert.Equal(new MeshGatewayRoute(MeshGatewayRouteKind.PeerServers, $"server.dc2.peering.{PeerTd}", Peer: "cluster-02"),
            on.Lookup($"server.dc2.peering.{PeerTd}"));
        Assert.Null(noServers.Lookup($"server.dc1.peering.{Td}"));
        Assert.NotNull(noServers.Lookup($"server.dc2.peering.{PeerTd}"));
    }

    [Fact]
    public void APeerCannotTakeOverANameThisClusterServes()
    {
        var exported = $"backend.default.default.cluster-02.external.{Td}";
        var table = Build(
            [new MeshGatewayExport("backend", "http", ["cluster-02"])],
            [new MeshGatewayImport("evil", "cluster-02", exported),
                new MeshGatewayImport("evil", "cluster-02", $"server.dc1.peering.{Td}")],
            [new MeshGatewayPeerServers("cluster-02", exported)],
            peerThroughGateways: true);

        Assert.Equal(MeshGatewayRouteKind.ExportedHttp, table.Lookup(exported)!.Kind);
        Assert.Equal(MeshGatewayRouteKind.LocalPeeringServers, table.Lookup($"server.dc1.peering.{Td}")!.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("backend.default.dc1.internal." + Td)]
    [InlineData("backend.default.default.cluster-09.external." + Td)]
    [InlineData("example.com")]
    public void Lookup_AnythingElse_HasNoRoute(string? sni)
    {
        var table = Build([new MeshGatewayExport("backend", "tcp", ["cluster-02"])]);

        Assert.Null(table.Lookup(sni));
    }

    [Fact]
    public void ExplainMiss_NamesTheServiceAndPeerOfAPeeredSni()
    {
        var table = Build([new MeshGatewayExport("backend", "tcp", ["cluster-02"])]);

        Assert.Equal("service backend is not exported to peer cluster-09",
            table.ExplainMiss($"backend.default.default.cluster-09.external.{Td}"));
        Assert.Equal("the ClientHello names no server (no SNI)", table.ExplainMiss(null));
        Assert.Contains("example.com", table.ExplainMiss("example.com"), StringComparison.Ordinal);
    }
}
