using System.Text;
using Parley.Core.Catalog;
using Parley.Core.Kv;
using Parley.State.Commands;
using Parley.State.Store;
using Parley.State.Tests.Support;
using static Parley.State.Tests.Support.Sample;

namespace Parley.State.Tests.Machine;

/// <summary>The <c>txn.v1</c> entry: KV and catalog ops in one index, all or nothing; old <c>kv.txn.v1</c> entries still replay.</summary>
public sealed class StateMachineTransactionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Fsm _fsm = new();

    [Fact]
    public void Apply_MixedOps_WriteEverythingAtTheEntrysIndexAndMoveTheWatchedTables()
    {
        var result = (TransactionResult)_fsm.ApplyAt(5, new Transaction(
            [
                new TxnNodeOp(CatalogTxnVerb.Set, Node("n1")),
                new TxnServiceOp(CatalogTxnVerb.Set, Service("n1", "web-1", "web")),
                new TxnCheckOp(CatalogTxnVerb.Set, ServiceCheck("n1", "alive", "web-1")),
                new TxnKvOp(new ApplyKv(KvVerb.Set, "k", Encoding.UTF8.GetBytes("v"))),
            ],
            T0)).Value!;

        Assert.Null(result.Errors);
        Assert.Equal([5L, 5L, 5L, 5L],
            result.Results!.Select(r => r.Node?.ModifyIndex ?? r.Service?.ModifyIndex ?? r.Check?.ModifyIndex ?? r.KV!.ModifyIndex));
        Assert.Equal("web", result.Results![2].Check!.ServiceName);
        Assert.Equal((5L, 5L, 5L), (_fsm.State.TableIndex(Tables.Nodes), _fsm.State.ServiceIndex("web"), _fsm.State.KvIndex("k")));
    }

    [Fact]
    public void Apply_OneFailingOp_LeavesTheStateAsItWasAndNamesTheOp()
    {
        _fsm.ApplyAt(3, Register(Node("n1"), Service("n1", "web-1", "web")));
        var before = StateDump.Contents(_fsm.State);

        var result = (TransactionResult)_fsm.ApplyAt(4, new Transaction(
            [
                new TxnKvOp(new ApplyKv(KvVerb.Set, "k", Encoding.UTF8.GetBytes("v"))),
                new TxnNodeOp(CatalogTxnVerb.Delete, Node("n1")),
                new TxnServiceOp(CatalogTxnVerb.Cas, Service("n1", "web-1", "web") with { Port = 1 }, 2),
            ],
            T0)).Value!;

        Assert.Null(result.Results);
        Assert.Equal([new TxnError(2, "failed to set service \"web-1\" on node \"n1\", index is stale")], result.Errors!);
        Assert.Equal(before, StateDump.Contents(_fsm.State));
        Assert.Equal((3L, 3L), (_fsm.State.TableIndex(Tables.Nodes), _fsm.State.ServiceIndex("web")));
    }

    [Fact]
    public void Apply_LegacyKvTransactionEntry_StillApplies()
    {
        var result =
            (TransactionResult)_fsm.ApplyAt(3,
            new KvTransaction([new ApplyKv(KvVerb.Set, "old", Encoding.UTF8.GetBytes("1")), new ApplyKv(KvVerb.Get, "old")], T0))
            .Value!;

        Assert.Equal(["old", "old"], result.Results!.Select(r => r.KV!.Key));
        Assert.Equal(3, _fsm.State.GetKv("old")!.ModifyIndex);
    }
}
