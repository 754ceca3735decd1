using Parley.Core.Catalog;
using Parley.Core.Connect;
using Parley.Core.Exports;

namespace Parley.Core.Tests.Exports;

public sealed class SyntheticProxiesTests
{
    private const string TrustDomain = "9a1b.consul";

    private static readonly ServiceInstance Gateway = new()
    {
        Node = "gw-node",
        Kind = ServiceKinds.MeshGateway,
        ID = "mesh-gateway",
        Service = "mesh-gateway",
        Address = "10.0.0.5",
        Port = 8443,
        SocketPath = "",
        Weights = new ServiceWeights(3, 1),
        Tags = ["gateway"],
        Meta = new Dictionary<string, string> { ["version"] = "1" },
        TaggedAddresses = new Dictionary<string, ServiceAddress> { ["lan"] = new("10.0.0.5", 8443), ["wan"] = new("203.0.113.7", 443) },
        Proxy = new ConnectProxyConfig { Config = new System.Text.Json.Nodes.JsonObject { ["envoy_dns_discovery_type"] = "STRICT_DNS" } },
    };

    [Fact]
    public void PeerMeta_CarriesThePeeredSniTheServiceAndGatewayIdentitiesAndTheProtocol()
    {
        var meta = SyntheticProxies.PeerMeta("backend", new ExportedChainInfo("http", []), "cluster-02", TrustDomain, "dc1");

        Assert.Equal(["backend.default.default.cluster-02.external.9a1b.consul"], meta.SNI);
        Assert.Equal(["spiffe://9a1b.consul/ns/default/dc/dc1/svc/backend", "spiffe://9a1b.consul/gateway/mesh/dc/dc1"], meta.SpiffeID);
        Assert.Equal("http", meta.Protocol);
    }

    [Fact]
    public void PeerMeta_Tcp_AddsTheOtherTargetsIdentities()
    {
        var meta = SyntheticProxies.PeerMeta("db", new ExportedChainInfo("tcp", ["db-backup"]), "cluster-02", TrustDomain, "dc1");

        Assert.Equal(
            ["spiffe://9a1b.consul/ns/default/dc/dc1/svc/db", "spiffe://9a1b.consul/gateway/mesh/dc/dc1",
                "spiffe://9a1b.consul/ns/default/dc/dc1/svc/db-backup"],
            meta.SpiffeID);
        Assert.Equal("tcp", meta.Protocol);
    }

    [Fact]
    public void Instance_CopiesTheGatewaysAddressingAndPointsAtTheService()
    {
        var meta = SyntheticProxies.PeerMeta("backend", ExportedChainInfo.Tcp, "cluster-02", TrustDomain, "dc1");

        var proxy = SyntheticProxies.Instance(Gateway, 2, "backend", meta);

        Assert.Equal(ServiceKinds.ConnectProxy, proxy.Kind);
        Assert.Equal("backend-sidecar-proxy", proxy.Service);
        Assert.Equal("backend-sidecar-proxy-instance-2", proxy.ID);
        Assert.Equal("gw-node", proxy.Node);
        Assert.Equal(("10.0.0.5", 8443, "", new ServiceWeights(3, 1)), (proxy.Address, proxy.Port, proxy.SocketPath, proxy.Weights));
        Assert.True(ServiceAddress.MapsEqual(Gateway.TaggedAddresses, proxy.TaggedAddresses));
        Assert.Equal("backend", proxy.Proxy!.DestinationServiceName);
        Assert.Equal("backend-instance-2", proxy.Proxy.DestinationServiceID);
        Assert.Same(meta, proxy.Connect!.PeerMeta);

        // The gateway's own tags, meta and proxy configuration are not the service's and stay home.
        Assert.Empty(proxy.Tags);
        Assert.Empty(proxy.Meta);
        Assert.Null(proxy.Proxy.Config);
    }

    [Fact]
    public void Instance_GatewayWithoutId_TakesThePlainName()
    {
        var meta = SyntheticProxies.PeerMeta("backend", ExportedChainInfo.Tcp, "cluster-02", TrustDomain, "dc1");

        Assert.Equal("backend-sidecar-proxy", SyntheticProxies.Instance(Gateway with { ID = "" }, 0, "backend", meta).ID);
    }
}
