using Parley.Core.Catalog;
using Parley.Peering.Export;
using Parley.Peering.Tests.Support;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Peering.Tests.Export;

public sealed class ExportedInstancesTests
{
    private readonly InMemoryReplicator _replicator = new(new StateStore());

    private StateSnapshot Snapshot => _replicator.Store.Current;

    [Theory]
    [InlineData(new[] { "passing", "passing" }, "passing")]
    [InlineData(new[] { "passing", "warning" }, "warning")]
    [InlineData(new[] { "warning", "critical", "passing" }, "critical")]
    public void Flatten_SeveralChecks_WorstStatusWins(string[] statuses, string expected)
    {
        var service = new ServiceInstance { Node = "n1", ID = "web-1", Service = "web" };
        var checks = statuses.Select((s, i) => new HealthCheck
        {
            Node = "n1",
            CheckID = "c" + i,
            Status = s,
            ServiceID = "web-1",
        }).ToList();

        var overall = ExportedInstances.Flatten("n1", service, checks);

        Assert.NotNull(overall);
        Assert.Equal(expected, overall.Status);
        Assert.Equal("web-1:overall-check", overall.CheckID);
        Assert.Equal("overall-check", overall.Name);
        Assert.Equal("web-1", overall.ServiceID);
        Assert.Equal("web", overall.ServiceName);
        Assert.Equal("n1", overall.Node);
    }

    [Theory]
    [InlineData("_node_maintenance")]
    [InlineData("_service_maintenance:web-1")]
    public void Flatten_MaintenanceCheck_IsMaintenanceWhateverElse(string maintenanceId)
    {
        var service = new ServiceInstance { Node = "n1", ID = "web-1", Service = "web" };
        HealthCheck[] checks =
        [
            new() { Node = "n1", CheckID = "alive", Status = HealthStatus.Passing, ServiceID = "web-1" },
            new() { Node = "n1", CheckID = maintenanceId, Status = HealthStatus.Critical },
        ];

        Assert.Equal(HealthStatus.Maintenance, ExportedInstances.Flatten("n1", service, checks)!.Status);
    }

    [Fact]
    public void Flatten_NoChecks_GivesNoCheck()
    {
        var service = new ServiceInstance { Node = "n1", ID = "web-1", Service = "web" };

        Assert.Null(ExportedInstances.Flatten("n1", service, []));
    }

    [Fact]
    public void For_MixedInstances_ExportsTypicalOnesSortedByNodeThenIdWithOneCheckEach()
    {
        _replicator.Apply(Catalog.Register("node-b", "web", "web-2", HealthStatus.Passing));
        _replicator.Apply(Catalog.Register("node-a", "web", "web-9", HealthStatus.Warning, HealthStatus.Passing));
        _replicator.Apply(Catalog.Register("node-a", "web", "web-1"));
        _replicator.Apply(Catalog.Register(
            "node-a", new ServiceInstance
            {
                Node = "node-a",
                ID = "web-gw",
                Service = "web",
                Kind = "mesh-gateway",
            }, HealthStatus.Passing));

        var exported = ExportedInstances.For(Snapshot, "web");

        Assert.Equal(["node-a/web-1", "node-a/web-9", "node-b/web-2"], exported.Select(e => $"{e.Node.Name}/{e.Service.Id}"));
        Assert.Empty(exported[0].Checks);
        Assert.Equal(HealthStatus.Warning, Assert.Single(exported[1].Checks).Status);
        Assert.Equal(HealthStatus.Passing, Assert.Single(exported[2].Checks).Status);
    }

    [Fact]
    public void For_NodeCheck_CountsForEveryInstanceOnTheNode()
    {
        _replicator.Apply(Catalog.Register("node-a", "web", "web-1", HealthStatus.Passing));
        _replicator.Apply(new RegisterCatalog(
            new Node { Name = "node-a", Address = "10.0.0.1" },
            null,
            [new HealthCheck { Node = "node-a", CheckID = "serfHealth", Status = HealthStatus.Critical }]));

        var exported = Assert.Single(ExportedInstances.For(Snapshot, "web"));

        Assert.Equal(HealthStatus.Critical, Assert.Single(exported.Checks).Status);
    }

    [Fact]
    public void For_SidecarName_ExportsNothing()
    {
        _replicator.Apply(Catalog.Register("node-a", "web-sidecar-proxy", "web-sidecar-proxy-1", HealthStatus.Passing));

        Assert.Empty(ExportedInstances.For(Snapshot, "web-sidecar-proxy"));
    }

    [Fact]
    public void ToProto_MeshBlocksAndVirtualAddress_AreStripped()
    {
        var node = new Node { Name = "node-a", Address = "10.0.0.1", CreateIndex = 7, ModifyIndex = 9 };
        var service = new ServiceInstance
        {
            Node = "node-a",
            ID = "web-1",
            Service = "web",
            Proxy = new Parley.Core.Connect.ConnectProxyConfig { DestinationServiceName = "x" },
            Connect = new Parley.Core.Connect.ServiceConnect { Native = true },
            TaggedAddresses =
                new Dictionary<string, ServiceAddress> { ["consul-virtual"] = new("240.0.0.1", 80), ["lan"] = new("10.0.0.1", 80) },
            CreateIndex = 3,
        };

        var exported = ExportedInstances.ToProto(node, service, []);

        Assert.False(exported.Service.HasProxyJson);
        Assert.False(exported.Service.HasConnectJson);
        Assert.Equal(["lan"], exported.Service.TaggedAddresses.Keys);
        Assert.Equal("", exported.Service.PeerName);
    }
}
