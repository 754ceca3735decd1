using Parley.Core;
using Parley.Core.Catalog;
using Parley.State.Commands;
using Parley.State.Store;
using Parley.State.Tests.Support;
using static Parley.State.Tests.Support.Sample;

namespace Parley.State.Tests.Machine;

public sealed class StateMachineCatalogTests
{
    private readonly Fsm _fsm = new();

    [Fact]
    public void Apply_RegisterNodeServiceAndChecks_StampsApplyIndexOnEveryRow()
    {
        var result = _fsm.ApplyAt(5, Register(
            Node("n1"),
            Service("n1", "web-1", "web", "v1"),
            NodeCheck("n1", "serfHealth"),
            ServiceCheck("n1", "web-http", "web-1", HealthStatus.Warning)));

        Assert.Equal(new CommandResult(5, true), result);
        var s = _fsm.State;
        Assert.Equal(5, s.Index);
        Assert.Equal((5L, 5L), Indexes(s.GetNode("n1")!));
        Assert.Equal((5L, 5L), Indexes(s.GetService("n1", "web-1")!));
        Assert.All(s.NodeChecks("n1"), c => Assert.Equal((5L, 5L), (c.CreateIndex, c.ModifyIndex)));
        Assert.Equal(5, s.TableIndex(Tables.Nodes));
        Assert.Equal(5, s.TableIndex(Tables.Services));
        Assert.Equal(5, s.TableIndex(Tables.Checks));
        Assert.Equal(5, s.ServiceIndex("web"));

        var csn = Assert.Single(s.CheckServiceNodes("web"));
        Assert.Equal("n1", csn.Node.Name);
        Assert.Equal("web-1", csn.Service.ID);
        // Node checks come first, then the service's own.
        Assert.Equal(["serfHealth", "web-http"], csn.Checks.Select(c => c.CheckID));
        Assert.Equal(["web"], s.ServiceNames().Keys);
    }

    [Fact]
    public void Apply_ReRegisterUnchangedData_KeepsModifyIndexAndServiceIndex()
    {
        var register = Register(
            Node("n1"),
            Service("n1", "web-1", "web"),
            NodeCheck("n1", "serfHealth"),
            ServiceCheck("n1", "web-http", "web-1"));
        _fsm.ApplyAt(5, register);

        var result = _fsm.ApplyAt(9, register with { Node = register.Node with { ModifyIndex = 123 } });

        Assert.Equal(new CommandResult(9, true), result);
        var s = _fsm.State;
        Assert.Equal(9, s.Index);
        Assert.Equal((5L, 5L), Indexes(s.GetNode("n1")!));
        Assert.Equal((5L, 5L), Indexes(s.GetService("n1", "web-1")!));
        Assert.All(s.NodeChecks("n1"), c => Assert.Equal(5, c.ModifyIndex));
        Assert.Equal(5, s.ServiceIndex("web"));
        Assert.Equal(5, s.TableIndex(Tables.Nodes, Tables.Services, Tables.Checks));
    }

    [Fact]
    public void Apply_ChangedService_KeepsCreateIndexAndBumpsModifyIndex()
    {
        _fsm.ApplyAt(5, Register(Service("n1", "web-1", "web")));

        _fsm.ApplyAt(6, Register(Service("n1", "web-1", "web") with { Port = 9090 }));

        var service = _fsm.State.GetService("n1", "web-1")!;
        Assert.Equal(9090, service.Port);
        Assert.Equal((5L, 6L), Indexes(service));
        Assert.Equal(6, _fsm.State.ServiceIndex("web"));
        Assert.Equal(5, _fsm.State.TableIndex(Tables.Nodes));
    }

    [Fact]
    public void Apply_ServiceCheckStatusChanged_BumpsThatServiceIndexOnly()
    {
        _fsm.ApplyAt(5, Register(Node("n1"), Service("n1", "web-1", "web"), ServiceCheck("n1", "web-http", "web-1")));
        _fsm.ApplyAt(6, Register(Node("n1"), Service("n1", "api-1", "api"), ServiceCheck("n1", "api-http", "api-1")));

        var result = _fsm.ApplyAt(7, new UpdateCheckStatus("n1", "web-http", HealthStatus.Critical, "HTTP 503"));

        Assert.Equal(new CommandResult(7, true), result);
        var s = _fsm.State;
        var check = s.GetCheck("n1", "web-http")!;
        Assert.Equal((HealthStatus.Critical, "HTTP 503"), (check.Status, check.Output));
        Assert.Equal((5L, 7L), (check.CreateIndex, check.ModifyIndex));
        Assert.Equal(7, s.ServiceIndex("web"));
        Assert.Equal(7, s.TableIndex(Tables.Checks));
        Assert.Equal(6, s.ServiceIndex("api"));
        // The service row itself did not change.
        Assert.Equal(5, s.GetService("n1", "web-1")!.ModifyIndex);
    }

    [Fact]
    public void Apply_NodeCheckStatusChanged_BumpsEveryServiceOnThatNode()
    {
        _fsm.ApplyAt(5, Register(Node("n1"), Service("n1", "web-1", "web"), NodeCheck("n1", "serfHealth")));
        _fsm.ApplyAt(6, Register(Node("n1"), Service("n1", "api-1", "api")));
        _fsm.ApplyAt(7, Register(Node("n2"), Service("n2", "db-1", "db"), NodeCheck("n2", "serfHealth")));

        _fsm.ApplyAt(8, new UpdateCheckStatus("n1", "serfHealth", HealthStatus.Critical, "agent unreachable"));

        var s = _fsm.State;
        Assert.Equal(8, s.ServiceIndex("web"));
        Assert.Equal(8, s.ServiceIndex("api"));
        Assert.Equal(7, s.ServiceIndex("db"));
        Assert.All(s.CheckServiceNodes("api"), csn => Assert.Equal(HealthStatus.Critical, Assert.Single(csn.Checks).Status));
    }

    [Fact]
    public void Apply_NodeAddressChanged_BumpsEveryServiceOnThatNode()
    {
        _fsm.ApplyAt(5, Register(Node("n1"), Service("n1", "web-1", "web")));
        _fsm.ApplyAt(6, Register(Node("n2"), Service("n2", "db-1", "db")));

        _fsm.ApplyAt(7, Register(Node("n1", address: "10.0.0.99")));

        var s = _fsm.State;
        Assert.Equal((5L, 7L), Indexes(s.GetNode("n1")!));
        Assert.Equal(7, s.ServiceIndex("web"));
        Assert.Equal(6, s.ServiceIndex("db"));
        Assert.Equal("10.0.0.99", Assert.Single(s.CheckServiceNodes("web")).Node.Address);
    }

    [Fact]
    public void Apply_CheckWithoutStatus_DefaultsToCritical()
    {
        _fsm.Apply(Register(Node("n1"), null, NodeCheck("n1", "c1", status: "")));

        Assert.Equal(HealthStatus.Critical, _fsm.State.GetCheck("n1", "c1")!.Status);
    }

    [Fact]
    public void Apply_ServiceCheck_GetsServiceNameAndTagsFromItsService()
    {
        _fsm.Apply(Register(
            Service("n1", "web-1", "web", "v1", "primary"),
            ServiceCheck("n1", "web-http", "web-1") with { ServiceName = "lies", ServiceTags = ["wrong"] }));

        var check = _fsm.State.GetCheck("n1", "web-http")!;
        Assert.Equal("web", check.ServiceName);
        Assert.Equal(["v1", "primary"], check.ServiceTags);
    }

    [Fact]
    public void Apply_NodeCheckWithServiceName_DropsIt()
    {
        _fsm.Apply(Register(Node("n1"), null, NodeCheck("n1", "c1") with { ServiceName = "web", ServiceTags = ["x"] }));

        var check = _fsm.State.GetCheck("n1", "c1")!;
        Assert.Equal("", check.ServiceName);
        Assert.Empty(check.ServiceTags);
    }

    [Fact]
    public void Apply_ServiceTagsChanged_CarriesNewTagsToItsChecks()
    {
        _fsm.ApplyAt(5, Register(Service("n1", "web-1", "web", "v1"), ServiceCheck("n1", "web-http", "web-1")));

        _fsm.ApplyAt(6, Register(Service("n1", "web-1", "web", "v2")));

        var check = _fsm.State.GetCheck("n1", "web-http")!;
        Assert.Equal(["v2"], check.ServiceTags);
        Assert.Equal(6, check.ModifyIndex);
    }

    [Fact]
    public void Apply_ServiceRenamed_MovesItAndWakesWatchersOfBothNames()
    {
        _fsm.ApplyAt(5, Register(Service("n1", "s1", "web"), ServiceCheck("n1", "c1", "s1")));
        _fsm.ApplyAt(6, Register(Service("n2", "s1", "web")));

        _fsm.ApplyAt(7, Register(Service("n1", "s1", "api")));

        var s = _fsm.State;
        Assert.Equal("n2", Assert.Single(s.ServiceInstances("web")).Node);
        Assert.Equal("n1", Assert.Single(s.ServiceInstances("api")).Node);
        Assert.Equal("api", s.GetCheck("n1", "c1")!.ServiceName);
        Assert.Equal(7, s.ServiceIndex("api"));
        // A watcher of "web" saw an instance leave: its index must move or it never wakes.
        Assert.Equal(7, s.ServiceIndex("web"));
    }

    [Fact]
    public void Apply_CheckMovedToAnotherService_WakesWatchersOfBoth()
    {
        _fsm.ApplyAt(5, Register(Service("n1", "web-1", "web"), ServiceCheck("n1", "c1", "web-1")));
        _fsm.ApplyAt(6, Register(Service("n1", "api-1", "api")));

        _fsm.ApplyAt(7, Register(Node("n1"), null, ServiceCheck("n1", "c1", "api-1")));

        var s = _fsm.State;
        Assert.Empty(Assert.Single(s.CheckServiceNodes("web")).Checks);
        Assert.Equal("api", s.GetCheck("n1", "c1")!.ServiceName);
        Assert.Equal(7, s.ServiceIndex("api"));
        Assert.Equal(7, s.ServiceIndex("web"));
    }

    [Fact]
    public void Apply_ServiceCheckBecomesNodeCheck_WakesWatchersOfEveryServiceOnNode()
    {
        _fsm.ApplyAt(5, Register(Service("n1", "web-1", "web"), ServiceCheck("n1", "c1", "web-1")));
        _fsm.ApplyAt(6, Register(Service("n1", "api-1", "api")));

        _fsm.ApplyAt(7, Register(Node("n1"), null, NodeCheck("n1", "c1")));

        Assert.Equal(7, _fsm.State.ServiceIndex("web"));
        Assert.Equal(7, _fsm.State.ServiceIndex("api"));
    }

    [Fact]
    public void Apply_ServiceCheckForMissingService_RejectsAndWritesNothing()
    {
        _fsm.ApplyAt(5, Register(Node("n1"), Service("n1", "web-1", "web")));
        var before = StateDump.Contents(_fsm.State);

        var result = _fsm.ApplyAt(6, Register(
            Node("n1", address: "10.9.9.9"),
            Service("n1", "api-1", "api"),
            NodeCheck("n1", "serfHealth"),
            ServiceCheck("n1", "db-http", "db-1")));

        var rejection = Assert.IsType<ParleyException>(result.Value);
        Assert.Equal(ErrorCode.NotFound, rejection.Code);
        Assert.Contains("Missing service registration", rejection.Message);
        Assert.Equal(6, result.Index);
        Assert.Throws<ParleyException>(() => result.ThrowIfRejected());
        // Nothing written, but the index advanced: the entry was applied (as a no-op) at 6.
        Assert.Equal(6, _fsm.State.Index);
        Assert.Equal(before, StateDump.Contents(_fsm.State));
        Assert.Equal("10.0.0.1", _fsm.State.GetNode("n1")!.Address);
        Assert.Null(_fsm.State.GetService("n1", "api-1"));
    }

    [Fact]
    public void Apply_ServiceOnUnknownNodeWithSkipNodeUpdate_CreatesTheNode()
    {
        var result = _fsm.Apply(Register(Service("n1", "web-1", "web")) with { SkipNodeUpdate = true });

        Assert.Equal(true, result.Value);
        Assert.Equal("10.0.0.1", _fsm.State.GetNode("n1")!.Address);
    }

    [Fact]
    public void Apply_SkipNodeUpdate_KeepsExistingNodeAddress()
    {
        _fsm.ApplyAt(5, Register(Node("n1", address: "10.0.0.1")));

        _fsm.ApplyAt(6, Register(Node("n1", address: "10.0.0.2"), Service("n1", "web-1", "web")) with { SkipNodeUpdate = true });

        var s = _fsm.State;
        Assert.Equal("10.0.0.1", s.GetNode("n1")!.Address);
        Assert.Equal(5, s.GetNode("n1")!.ModifyIndex);
        Assert.NotNull(s.GetService("n1", "web-1"));
    }

    [Fact]
    public void Apply_UpdateStatusOfUnknownCheck_Rejects()
    {
        _fsm.ApplyAt(5, Register(Node("n1"), null, NodeCheck("n1", "c1")));

        var result = _fsm.ApplyAt(6, new UpdateCheckStatus("n1", "nope", HealthStatus.Passing, ""));

        var rejection = Assert.IsType<ParleyException>(result.Value);
        Assert.Equal("Unknown check ID \"nope\". Ensure that the check ID is passed, not the check name.", rejection.Message);
        Assert.Equal(6, _fsm.State.Index);
        Assert.Equal(5, _fsm.State.TableIndex(Tables.Checks));
    }

    [Fact]
    public void Apply_DeregisterNode_RemovesItsServicesChecksAndNameIndex()
    {
        _fsm.ApplyAt(
            5,
            Register(Node("n1"), Service("n1", "web-1", "web"), NodeCheck("n1", "serfHealth"), ServiceCheck("n1", "web-http", "web-1")));
        _fsm.ApplyAt(6, Register(Node("n1"), Service("n1", "api-1", "api")));
        _fsm.ApplyAt(7, Register(Node("n2"), Service("n2", "web-2", "web"), NodeCheck("n2", "serfHealth")));

        var result = _fsm.ApplyAt(8, new DeregisterCatalog("n1", null, null));

        Assert.Equal(new CommandResult(8, true), result);
        var s = _fsm.State;
        Assert.Null(s.GetNode("n1"));
        Assert.Empty(s.NodeServices("n1"));
        Assert.Empty(s.NodeChecks("n1"));
        Assert.Equal(["n2"], s.Nodes().Select(n => n.Name));
        Assert.Equal("n2", Assert.Single(s.ServiceInstances("web")).Node);
        Assert.Empty(s.ServiceInstances("api"));
        Assert.Equal(["web"], s.ServiceNames().Keys);
        Assert.All(s.Checks(), c => Assert.Equal("n2", c.Node));
        Assert.Equal(8, s.ServiceIndex("web"));
        Assert.Equal(8, s.ServiceIndex("api"));
        Assert.Equal(8, s.TableIndex(Tables.Nodes));
        Assert.Equal(8, s.TableIndex(Tables.Checks));
    }

    [Fact]
    public void Apply_DeregisterService_RemovesOnlyThatServiceAndItsChecks()
    {
        _fsm.ApplyAt(
            5,
            Register(Node("n1"), Service("n1", "web-1", "web"), NodeCheck("n1", "serfHealth"), ServiceCheck("n1", "web-http", "web-1")));
        _fsm.ApplyAt(6, Register(Node("n1"), Service("n1", "api-1", "api"), ServiceCheck("n1", "api-http", "api-1")));

        _fsm.ApplyAt(7, new DeregisterCatalog("n1", "web-1", null));

        var s = _fsm.State;
        Assert.NotNull(s.GetNode("n1"));
        Assert.Equal(["api-1"], s.NodeServices("n1").Select(x => x.ID));
        Assert.Equal(["api-http", "serfHealth"], s.NodeChecks("n1").Select(c => c.CheckID));
        Assert.Empty(s.ServiceInstances("web"));
        Assert.Equal(7, s.ServiceIndex("web"));
        Assert.Equal(6, s.ServiceIndex("api"));
    }

    [Fact]
    public void Apply_DeregisterServiceAndCheck_ServiceTakesPrecedence()
    {
        // Consul: when both are set the service (with all its checks) goes, not just the check.
        _fsm.Apply(Register(Service("n1", "web-1", "web"), ServiceCheck("n1", "web-http", "web-1"), NodeCheck("n1", "serfHealth")));

        _fsm.Apply(new DeregisterCatalog("n1", "web-1", "serfHealth"));

        Assert.Null(_fsm.State.GetService("n1", "web-1"));
        Assert.Equal(["serfHealth"], _fsm.State.NodeChecks("n1").Select(c => c.CheckID));
    }

    [Fact]
    public void Apply_DeregisterCheck_RemovesOnlyThatCheck()
    {
        _fsm.ApplyAt(5, Register(Service("n1", "web-1", "web"), NodeCheck("n1", "serfHealth"), ServiceCheck("n1", "web-http", "web-1")));

        _fsm.ApplyAt(6, new DeregisterCatalog("n1", null, "web-http"));

        var s = _fsm.State;
        Assert.Equal(["serfHealth"], s.NodeChecks("n1").Select(c => c.CheckID));
        Assert.NotNull(s.GetService("n1", "web-1"));
        Assert.Equal(6, s.ServiceIndex("web"));
    }

    [Fact]
    public void Apply_DeregisterWithEmptyServiceId_TreatsItAsAbsent()
    {
        // Consul's request fields are plain strings: "" means "not given", so this removes only the check.
        _fsm.Apply(Register(Service("n1", "web-1", "web"), NodeCheck("n1", "serfHealth"), ServiceCheck("n1", "web-http", "web-1")));

        _fsm.Apply(new DeregisterCatalog("n1", "", "serfHealth"));

        Assert.Equal(["web-http"], _fsm.State.NodeChecks("n1").Select(c => c.CheckID));

        _fsm.Apply(new DeregisterCatalog("n1", "", ""));

        Assert.Null(_fsm.State.GetNode("n1"));
    }

    [Fact]
    public void Apply_DeregisterMissingNode_SucceedsWithoutWriting()
    {
        _fsm.ApplyAt(5, Register(Node("n1")));

        var result = _fsm.ApplyAt(6, new DeregisterCatalog("ghost", null, null));

        Assert.Equal(new CommandResult(6, true), result);
        Assert.Equal(5, _fsm.State.TableIndex(Tables.Nodes));
    }

    [Fact]
    public void Apply_NodeNameInAnotherCase_AddressesTheSameNode()
    {
        _fsm.ApplyAt(5, Register(Node("Node-1")));

        _fsm.ApplyAt(6, Register(Node("NODE-1"), Service("NODE-1", "web-1", "web")) with { SkipNodeUpdate = true });
        _fsm.ApplyAt(7, new RegisterCatalog(Node("node-1"), null, [NodeCheck("node-1", "serfHealth")]) { SkipNodeUpdate = true });

        var s = _fsm.State;
        var node = Assert.Single(s.Nodes());
        Assert.Equal("Node-1", node.Name);
        Assert.Same(node, s.GetNode("node-1"));
        Assert.Equal("Node-1", s.GetService("nOdE-1", "web-1")!.Node);
        Assert.Equal("Node-1", s.GetCheck("NODE-1", "serfHealth")!.Node);

        _fsm.ApplyAt(8, new UpdateCheckStatus("node-1", "serfHealth", HealthStatus.Warning, ""));
        Assert.Equal(HealthStatus.Warning, _fsm.State.GetCheck("Node-1", "serfHealth")!.Status);

        _fsm.ApplyAt(9, new DeregisterCatalog("NODE-1", null, null));
        Assert.Empty(_fsm.State.Nodes());
        Assert.Empty(_fsm.State.ServiceInstances("web"));
    }

    [Fact]
    public void Apply_ImportedDataWithLocalNames_StaysSeparateFromLocalData()
    {
        _fsm.ApplyAt(5, Register(Node("n1", "10.0.0.1"), Service("n1", "web-1", "web"), ServiceCheck("n1", "web-http", "web-1")));
        _fsm.ApplyAt(6, Register(
            Node("n1", "192.168.0.1", peer: "peer1"),
            Service("n1", "web-1", "web") with { Port = 443 },
            ServiceCheck("n1", "web-http", "web-1", HealthStatus.Critical)));

        var s = _fsm.State;
        Assert.Equal("10.0.0.1", Assert.Single(s.Nodes()).Address);
        var imported = Assert.Single(s.Nodes("peer1"));
        Assert.Equal(("192.168.0.1", "peer1"), (imported.Address, imported.PeerName));
        Assert.Equal(8080, Assert.Single(s.ServiceInstances("web")).Port);
        var importedService = Assert.Single(s.ServiceInstances("web", "peer1"));
        Assert.Equal((443, "peer1"), (importedService.Port, importedService.PeerName));
        Assert.Equal(HealthStatus.Passing, s.GetCheck("n1", "web-http")!.Status);
        Assert.Equal(
            ("peer1", HealthStatus.Critical),
            (s.GetCheck("n1", "web-http", "peer1")!.PeerName, s.GetCheck("n1", "web-http", "peer1")!.Status));
        Assert.Equal(5, s.ServiceIndex("web"));
        Assert.Equal(6, s.ServiceIndex("web", "peer1"));
        Assert.Equal(["peer1"], s.PeersWithData());

        // Local check updates never touch the imported copy, and a local deregister leaves it alone.
        _fsm.ApplyAt(7, new UpdateCheckStatus("n1", "web-http", HealthStatus.Warning, ""));
        _fsm.ApplyAt(8, new DeregisterCatalog("n1", null, null));

        s = _fsm.State;
        Assert.Empty(s.Nodes());
        Assert.Equal(HealthStatus.Critical, s.GetCheck("n1", "web-http", "peer1")!.Status);
        Assert.Single(s.CheckServiceNodes("web", "peer1"));
        Assert.Equal(6, s.ServiceIndex("web", "peer1"));

        _fsm.ApplyAt(9, new DeregisterCatalog("n1", null, null, "peer1"));
        Assert.Empty(_fsm.State.Nodes("peer1"));
        Assert.Empty(_fsm.State.PeersWithData());
    }

    [Fact]
    public void Apply_ServiceWithPeerNameOnLocalNode_IsStoredAsLocal()
    {
        // The node decides where its rows live: a service cannot smuggle itself into another peer's data.
        _fsm.Apply(Register(Node("n1"), Service("n1", "web-1", "web") with { PeerName = "peer1" }));

        Assert.Equal("", Assert.Single(_fsm.State.ServiceInstances("web")).PeerName);
        Assert.Empty(_fsm.State.ServiceInstances("web", "peer1"));
    }

    [Fact]
    public void Apply_EntryAtOrBelowCurrentIndex_IsSkipped()
    {
        _fsm.ApplyAt(5, Register(Node("n1")));
        var before = StateDump.Of(_fsm.State);

        var same = _fsm.ApplyAt(5, Register(Node("n2")));
        var older = _fsm.ApplyAt(3, new DeregisterCatalog("n1", null, null));

        Assert.Equal(new CommandResult(5), same);
        Assert.Equal(new CommandResult(3), older);
        Assert.Equal(before, StateDump.Of(_fsm.State));
    }

    [Fact]
    public void Apply_RejectedEntry_StillCountsAsApplied()
    {
        _fsm.ApplyAt(5, Register(Node("n1")));
        _fsm.ApplyAt(6, new UpdateCheckStatus("n1", "nope", HealthStatus.Passing, ""));

        // A replay of 6 after the rejection must not run a different command at the same index.
        var replay = _fsm.ApplyAt(6, Register(Node("n2")));

        Assert.Null(replay.Value);
        Assert.Null(_fsm.State.GetNode("n2"));
        Assert.Equal(6, _fsm.Machine.LastAppliedIndex);
    }

    [Fact]
    public void Apply_BatchWithOneRejectedCommand_WritesNothing()
    {
        _fsm.ApplyAt(5, Register(Node("n1")));
        var before = StateDump.Contents(_fsm.State);

        var result = _fsm.ApplyAt(6, new Batch(
        [
            Register(Node("n2"), Service("n2", "web-2", "web")),
            new SetConfigEntry("service-defaults", "web", new() { ["Protocol"] = "http" }),
            new UpdateCheckStatus("n1", "missing", HealthStatus.Passing, ""),
            Register(Node("n3")),
        ]));

        Assert.IsType<ParleyException>(result.Value);
        Assert.Equal(6, _fsm.State.Index);
        Assert.Equal(before, StateDump.Contents(_fsm.State));
    }

    [Fact]
    public void Apply_Batch_AppliesEveryCommandAtOneIndex()
    {
        var result = _fsm.ApplyAt(4, new Batch(
        [
            Register(Node("n1"), Service("n1", "web-1", "web")),
            Register(Node("n1"), null, ServiceCheck("n1", "web-http", "web-1")),
            new SetConfigEntry("service-defaults", "web", new() { ["Protocol"] = "http" }),
        ]));

        Assert.Equal(new CommandResult(4, true), result);
        var s = _fsm.State;
        Assert.Equal(4, s.GetService("n1", "web-1")!.CreateIndex);
        Assert.Equal(4, s.GetCheck("n1", "web-http")!.CreateIndex);
        Assert.Equal(4, s.GetConfigEntry("service-defaults", "web")!.CreateIndex);
    }

    [Fact]
    public void Apply_PublishesEveryEntry_WakingWaiters()
    {
        var next = _fsm.Store.NextChange;

        _fsm.Apply(new DeregisterCatalog("ghost", null, null));

        Assert.True(next.IsCompleted);
        Assert.Equal(1, _fsm.Machine.LastAppliedIndex);
    }

    private static (long Create, long Modify) Indexes(Node n) => (n.CreateIndex, n.ModifyIndex);

    private static (long Create, long Modify) Indexes(ServiceInstance s) => (s.CreateIndex, s.ModifyIndex);
}
