using Parley.Core.Catalog;
using Parley.State.Commands;
using Parley.State.Store;
using Parley.State.Tests.Support;
using static Parley.State.Tests.Support.Sample;

namespace Parley.State.Tests.Store;

/// <summary>
/// What the store says the last commits changed: exactly the indexes a reader would see move, and "cannot say" whenever
/// it does not know (too far back, after a restore), never a partial answer.
/// </summary>
public sealed class StateStoreChangesTests
{
    private readonly Fsm _fsm = new();

    [Fact]
    public void TryGetChanges_ReportsTheIndexesTheCommitsInTheRangeMoved()
    {
        _fsm.ApplyAt(5, Register(Node("n1"), Service("n1", "web-1", "web")));
        _fsm.ApplyAt(6, Register(Node("n2"), Service("n2", "db-1", "db")));
        _fsm.ApplyAt(7, new UpdateCheckStatus("n1", "missing", HealthStatus.Critical, ""));
        var state = _fsm.State;

        var sinceFive = new HashSet<string>();
        Assert.True(_fsm.Store.TryGetChanges(5, 7, sinceFive));
        Assert.Contains(Tables.Service("", "db"), sinceFive);
        Assert.DoesNotContain(Tables.Service("", "web"), sinceFive);
        Assert.Equal(6, state.ServiceIndex("db"));
        Assert.Equal(5, state.ServiceIndex("web"));

        var all = new HashSet<string>();
        Assert.True(_fsm.Store.TryGetChanges(0, 7, all));
        Assert.Contains(Tables.Service("", "web"), all);

        // A rejected command (unknown check) moved nothing.
        var none = new HashSet<string>();
        Assert.True(_fsm.Store.TryGetChanges(6, 7, none));
        Assert.Empty(none);
    }

    [Fact]
    public void TryGetChanges_FurtherBackThanTheLogHolds_CannotSay()
    {
        var capacity = StateStore.ChangeLogCapacity;
        for (var i = 1; i <= capacity + 10; i++)
        {
            _fsm.ApplyAt(i, Register(Node("n" + i)));
        }

        Assert.False(_fsm.Store.TryGetChanges(5, _fsm.LastIndex, new HashSet<string>()));
        Assert.True(_fsm.Store.TryGetChanges(_fsm.LastIndex - 10, _fsm.LastIndex, new HashSet<string>()));
    }

    [Fact]
    public async Task TryGetChanges_AcrossARestore_CannotSayUntilPastEverythingBeforeIt()
    {
        _fsm.ApplyAt(3, Register(Node("n1"), Service("n1", "web-1", "web")));
        using var saved = new MemoryStream();
        await _fsm.Machine.WriteSnapshotAsync(saved, TestContext.Current.CancellationToken);
        _fsm.ApplyAt(8, Register(Node("n2"), Service("n2", "db-1", "db")));
        saved.Position = 0;

        // Back to index 3: what a reader saw at 8 may no longer be there, so nothing up to 8 can be answered.
        await _fsm.Machine.RestoreSnapshotAsync(saved, TestContext.Current.CancellationToken);
        _fsm.ApplyAt(4, Register(Node("n3"), Service("n3", "api-1", "api")));
        _fsm.ApplyAt(9, Register(Node("n4"), Service("n4", "queue-1", "queue")));

        Assert.False(_fsm.Store.TryGetChanges(3, 9, new HashSet<string>()));
        Assert.False(_fsm.Store.TryGetChanges(8, 9, new HashSet<string>()));
        var sinceNine = new HashSet<string>();
        _fsm.ApplyAt(10, Register(Node("n1"), Service("n1", "web-1", "web", "new-tag")));
        Assert.True(_fsm.Store.TryGetChanges(9, 10, sinceNine));
        Assert.Contains(Tables.Service("", "web"), sinceNine);
    }
}
