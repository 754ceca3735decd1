using Parley.Core.Catalog;
using Parley.Core.Connect;
using Parley.Core.Exports;
using Parley.Peering.Export;
using Parley.Peering.Tests.Support;
using Parley.State.Store;

namespace Parley.Peering.Tests.Export;

public sealed class MeshExportsTests
{
    private const string TrustDomain = "9a1b.consul";

    private readonly InMemoryReplicator _replicator = new(new StateStore());

    private StateSnapshot Snapshot => _replicator.Store.Current;

    private static PeeringServiceMeta Meta(string service)
        => SyntheticProxies.PeerMeta(service, ExportedChainInfo.Tcp, "cluster-02", TrustDomain, "dc1");

    [Fact]
    public void MeshEnabled_ProxyByDestinationOrNative_WhateverTheProxyIsCalled()
    {
        _replicator.Apply(Catalog.Register("n1", "web", "web-1", HealthStatus.Passing));
        _replicator.Apply(Catalog.Sidecar("n1", "web", "custom-proxy-name"));
        _replicator.Apply(Catalog.Register("n1", new ServiceInstance
        {
            Node = "n1",
            ID = "pay-1",
            Service = "pay",
            Connect = new ServiceConnect { Native = true },
        }));
        _replicator.Apply(Catalog.Register("n1", "plain", "plain-1", HealthStatus.Passing));

        Assert.Equal(["pay", "web"], MeshExports.MeshEnabled(Snapshot, ["web", "pay", "plain", "absent"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SyntheticProxyNodes_OnePerGatewayNumberedByNodeWithTheGatewaysHealth()
    {
        _replicator.Apply(Catalog.Gateway("gw-b", "10.0.0.12", 8443, HealthStatus.Passing, HealthStatus.Warning));
        _replicator.Apply(Catalog.Gateway("gw-a", "10.0.0.11", 8443, HealthStatus.Critical));

        var nodes = MeshExports.SyntheticProxyNodes(Snapshot, "backend", Meta("backend"));

        Assert.Equal(["gw-a", "gw-b"], nodes.Select(n => n.Node.Name));
        Assert.Equal(["backend-sidecar-proxy-instance-0", "backend-sidecar-proxy-instance-1"], nodes.Select(n => n.Service.Id));
        Assert.All(nodes,
            n => Assert.Equal(("connect-proxy", "backend-sidecar-proxy", 8443), (n.Service.Kind, n.Service.Service_, n.Service.Port)));
        Assert.Equal("10.0.0.11", nodes[0].Service.Address);
        Assert.Equal(
            ("203.0.113.12", 9443),
            (nodes[1].Service.TaggedAddresses["wan"].Address, nodes[1].Service.TaggedAddresses["wan"].Port));

        // Checks are the gateway's, flattened under the synthetic instance; the backend's own health is not in them.
        var checks = nodes.Select(n => Assert.Single(n.Checks)).ToList();
        Assert.Equal(["backend-sidecar-proxy-instance-0:overall-check", "backend-sidecar-proxy-instance-1:overall-check"],
            checks.Select(c => c.CheckId));
        Assert.Equal([HealthStatus.Critical, HealthStatus.Warning], checks.Select(c => c.Status));
        Assert.All(checks, c => Assert.Equal("backend-sidecar-proxy", c.ServiceName));

        var (_, service, _) = CatalogProtoMapper.FromProto(nodes[0]);
        Assert.Equal("backend", service.Proxy!.DestinationServiceName);
        Assert.Equal("backend-instance-0", service.Proxy.DestinationServiceID);
        Assert.Equal(["backend.default.default.cluster-02.external.9a1b.consul"], service.Connect!.PeerMeta!.SNI);
    }

    [Fact]
    public void SyntheticProxyNodes_NoGateway_IsEmpty()
    {
        _replicator.Apply(Catalog.Register("n1", "backend", "backend-1", HealthStatus.Passing));
        _replicator.Apply(Catalog.Sidecar("n1", "backend", "backend-sidecar-proxy"));

        Assert.Empty(MeshExports.SyntheticProxyNodes(Snapshot, "backend", Meta("backend")));
    }

    [Fact]
    public void ConnectExported_TakesTheProtocolFromTheConfigEntries()
    {
        _replicator.Apply(Catalog.Sidecar("n1", "api", "api-sidecar-proxy"));
        _replicator.Apply(new State.Commands.SetConfigEntry("service-defaults", "api", new System.Text.Json.Nodes.JsonObject
        {
            ["Kind"] = "service-defaults",
            ["Name"] = "api",
            ["Protocol"] = "http",
        }));

        var exported = MeshExports.ConnectExported(Snapshot, ["api", "plain"], "dc1", TrustDomain);

        Assert.Equal("http", Assert.Single(exported, e => e.Key == "api").Value.Protocol);
        Assert.DoesNotContain("plain", exported.Keys);
    }
}
