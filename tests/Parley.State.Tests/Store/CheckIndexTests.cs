using Parley.Core.Catalog;
using Parley.State.Commands;
using Parley.State.Store;
using Parley.State.Tests.Support;
using static Parley.State.Tests.Support.Sample;

namespace Parley.State.Tests.Store;

/// <summary>
/// The index of checks by owner (service instance, or the node itself) that instance reads go through: it follows every
/// write that moves, removes or restores a check, and an instance's answer never shows another instance's checks.
/// </summary>
public sealed class CheckIndexTests
{
    private readonly Fsm _fsm = new();

    [Fact]
    public void CheckServiceNodes_NodeWithManyChecks_ShowsNodeChecksThenOnlyTheInstancesOwn()
    {
        var checks = new List<HealthCheck> { NodeCheck("n1", "serfHealth") };
        for (var i = 0; i < 50; i++)
        {
            _fsm.ApplyOk(Register(Service("n1", $"svc-{i:D2}", $"svc-{i:D2}")));
            checks.Add(ServiceCheck("n1", $"svc-{i:D2}-b", $"svc-{i:D2}"));
            checks.Add(ServiceCheck("n1", $"svc-{i:D2}-a", $"svc-{i:D2}", HealthStatus.Critical));
        }

        _fsm.ApplyOk(Register(Node("n1"), null, [.. checks]));

        var answer = Assert.Single(_fsm.State.CheckServiceNodes("svc-07"));
        Assert.Equal(["serfHealth", "svc-07-a", "svc-07-b"], answer.Checks.Select(c => c.CheckID));
        Assert.Equal(["svc-07-a", "svc-07-b"], _fsm.State.InstanceChecks("N1", "svc-07").Select(c => c.CheckID));
        Assert.Equal(["serfHealth"], _fsm.State.InstanceChecks("n1", "").Select(c => c.CheckID));
        AssertIndexMatchesRows(_fsm.State);
    }

    [Fact]
    public void Apply_CheckMovedToAnotherService_LeavesTheFirstAnswerAndJoinsTheSecond()
    {
        _fsm.ApplyOk(Register(Service("n1", "web-1", "web"), ServiceCheck("n1", "probe", "web-1", HealthStatus.Critical)));
        _fsm.ApplyOk(Register(Service("n1", "api-1", "api")));

        _fsm.ApplyOk(Register(Node("n1"), null, ServiceCheck("n1", "probe", "api-1", HealthStatus.Critical)));

        Assert.Empty(Assert.Single(_fsm.State.CheckServiceNodes("web")).Checks);
        var moved = Assert.Single(Assert.Single(_fsm.State.CheckServiceNodes("api")).Checks);
        Assert.Equal(("probe", "api-1", "api"), (moved.CheckID, moved.ServiceID, moved.ServiceName));
        AssertIndexMatchesRows(_fsm.State);
    }

    [Fact]
    public void Apply_ServiceCheckBecomesANodeCheck_ShowsInEveryInstanceOnTheNode()
    {
        _fsm.ApplyOk(Register(Service("n1", "web-1", "web"), ServiceCheck("n1", "probe", "web-1")));
        _fsm.ApplyOk(Register(Service("n1", "api-1", "api")));

        _fsm.ApplyOk(Register(Node("n1"), null, NodeCheck("n1", "probe", HealthStatus.Critical)));

        Assert.Equal(["probe"], Assert.Single(_fsm.State.CheckServiceNodes("web")).Checks.Select(c => c.CheckID));
        Assert.Equal(["probe"], Assert.Single(_fsm.State.CheckServiceNodes("api")).Checks.Select(c => c.CheckID));
        Assert.Empty(_fsm.State.InstanceChecks("n1", "web-1"));
        AssertIndexMatchesRows(_fsm.State);
    }

    [Fact]
    public void Apply_ServiceOrCheckDeregistered_DropsItsChecksFromTheIndex()
    {
        _fsm.ApplyOk(Register(
            Node("n1"),
            Service("n1", "web-1", "web"),
            NodeCheck("n1", "serfHealth"),
            ServiceCheck("n1", "web-a", "web-1"),
            ServiceCheck("n1", "web-b", "web-1")));
        _fsm.ApplyOk(Register(Service("n1", "web-2", "web"), ServiceCheck("n1", "web-2-a", "web-2")));

        _fsm.ApplyOk(new DeregisterCatalog("n1", null, "web-b"));
        _fsm.ApplyOk(new DeregisterCatalog("n1", "web-2", null));

        var answer = Assert.Single(_fsm.State.CheckServiceNodes("web"));
        Assert.Equal(["serfHealth", "web-a"], answer.Checks.Select(c => c.CheckID));
        Assert.Empty(_fsm.State.InstanceChecks("n1", "web-2"));

        // A service registered again under the same id starts without the old checks.
        _fsm.ApplyOk(Register(Service("n1", "web-2", "web")));
        Assert.Equal(["serfHealth"], _fsm.State.CheckServiceNodes("web").Last().Checks.Select(c => c.CheckID));
        AssertIndexMatchesRows(_fsm.State);
    }

    [Fact]
    public void Apply_NodeDeleted_LeavesNothingOfItsChecksBehind()
    {
        _fsm.ApplyOk(Register(
            Node("n1"), Service("n1", "web-1", "web"), NodeCheck("n1", "serfHealth"), ServiceCheck("n1", "web-a", "web-1")));
        _fsm.ApplyOk(Register(Node("n2"), Service("n2", "web-2", "web"), NodeCheck("n2", "serfHealth")));

        _fsm.ApplyOk(new DeregisterCatalog("N1", null, null));

        Assert.DoesNotContain(_fsm.State.ChecksByOwner.Keys, owner => owner.NodeKey.EndsWith("n1", StringComparison.Ordinal));
        Assert.Equal(["serfHealth"], Assert.Single(_fsm.State.CheckServiceNodes("web")).Checks.Select(c => c.CheckID));

        // A node registered again under the name starts clean.
        _fsm.ApplyOk(Register(Node("n1"), Service("n1", "web-1", "web")));
        Assert.Empty(_fsm.State.CheckServiceNodes("web").First().Checks);
        AssertIndexMatchesRows(_fsm.State);
    }

    [Fact]
    public void Apply_PeerInstanceDeregistered_RemovesItsChecksOnly()
    {
        // Rows of a peer, with the same names as local ones: the index keeps them apart.
        _fsm.ApplyOk(Register(Node("n1"), Service("n1", "web-1", "web"), ServiceCheck("n1", "local", "web-1")));
        _fsm.ApplyOk(Register(Node("n1", peer: "p1"), Service("n1", "web-1", "web"), ServiceCheck("n1", "a", "web-1")));
        _fsm.ApplyOk(Register(Node("n1", peer: "p1"), Service("n1", "web-2", "web"), ServiceCheck("n1", "b", "web-2")));

        _fsm.ApplyOk(new DeregisterCatalog("n1", "web-1", null, "p1"));

        Assert.Equal(["b"], Assert.Single(_fsm.State.CheckServiceNodes("web", "p1")).Checks.Select(c => c.CheckID));
        Assert.Empty(_fsm.State.InstanceChecks("n1", "web-1", "p1"));
        Assert.Equal(["local"], _fsm.State.InstanceChecks("n1", "web-1").Select(c => c.CheckID));
        AssertIndexMatchesRows(_fsm.State);
    }

    [Fact]
    public async Task RestoreSnapshotAsync_RebuildsTheIndexThatLaterWritesKeepUsing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _fsm.ApplyOk(Register(
            Node("n1"), Service("n1", "web-1", "web"), NodeCheck("n1", "serfHealth"), ServiceCheck("n1", "probe", "web-1")));
        _fsm.ApplyOk(Register(Service("n1", "api-1", "api"), ServiceCheck("n1", "api-probe", "api-1")));
        var restored = new Fsm();
        using (var stream = new MemoryStream())
        {
            await _fsm.Machine.WriteSnapshotAsync(stream, cancellationToken);
            stream.Position = 0;
            await restored.Machine.RestoreSnapshotAsync(stream, cancellationToken);
        }

        Assert.Equal(Index(_fsm.State), Index(restored.State));
        Assert.Equal(["serfHealth", "probe"], Assert.Single(restored.State.CheckServiceNodes("web")).Checks.Select(c => c.CheckID));

        // Moving, then deleting, a check after the restore goes through the rebuilt index.
        restored.ApplyAt(10, Register(Node("n1"), null, ServiceCheck("n1", "probe", "api-1")));
        restored.ApplyAt(11, new DeregisterCatalog("n1", "api-1", null));
        Assert.Equal(["serfHealth"], Assert.Single(restored.State.CheckServiceNodes("web")).Checks.Select(c => c.CheckID));
        Assert.Null(restored.State.GetCheck("n1", "probe"));
        AssertIndexMatchesRows(restored.State);
    }

    /// <summary>The index holds exactly the checks the rows hold, under their owners, and no empty set.</summary>
    internal static void AssertIndexMatchesRows(StateSnapshot s)
    {
        var fromRows = s.CheckRows
            .SelectMany(node => node.Value.Values.Select(c => $"{node.Key}|{c.ServiceID}|{c.CheckID}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(fromRows, Index(s));
        Assert.DoesNotContain(s.ChecksByOwner.Values, ids => ids.IsEmpty);
    }

    private static List<string> Index(StateSnapshot s) =>
        s.ChecksByOwner
            .SelectMany(owner => owner.Value.Select(id => $"{owner.Key.NodeKey}|{owner.Key.ServiceId}|{id}"))
            .Order(StringComparer.Ordinal)
            .ToList();
}
