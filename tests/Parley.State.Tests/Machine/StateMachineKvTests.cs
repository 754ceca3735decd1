using System.Text;
using System.Text.Json;
using Parley.Core;
using Parley.Core.Catalog;
using Parley.Core.Kv;
using Parley.State.Commands;
using Parley.State.Store;
using Parley.State.Tests.Support;
using static Parley.State.Tests.Support.Sample;

namespace Parley.State.Tests.Machine;

public sealed class StateMachineKvTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Fsm _fsm = new();

    [Fact]
    public void Apply_SetThenSet_KeepsCreateIndexAndMovesOnlyThatKeysIndex()
    {
        _fsm.ApplyAt(3, Put("a/x", "1"));
        _fsm.ApplyAt(4, Put("b/y", "2"));
        _fsm.ApplyAt(7, Put("a/x", "3", flags: 42));

        var entry = _fsm.State.GetKv("a/x")!;
        Assert.Equal((3L, 7L, 42UL, "3"), (entry.CreateIndex, entry.ModifyIndex, entry.Flags, Encoding.UTF8.GetString(entry.Value.Span)));
        Assert.Equal(7, _fsm.State.KvIndex("a/x"));
        Assert.Equal(4, _fsm.State.KvRangeIndex("b/"));
        Assert.Equal(7, _fsm.State.KvRangeIndex(""));
        Assert.Equal(0, _fsm.State.KvIndex("c"));
    }

    [Fact]
    public void Apply_Cas_ZeroCreatesOnlyAndIndexMustMatch()
    {
        Assert.Equal(true, _fsm.ApplyAt(3, new ApplyKv(KvVerb.Cas, "k", Bytes("1"), Index: 0)).Value);
        Assert.Equal(false, _fsm.ApplyAt(4, new ApplyKv(KvVerb.Cas, "k", Bytes("2"), Index: 0)).Value);
        Assert.Equal(false, _fsm.ApplyAt(5, new ApplyKv(KvVerb.Cas, "k", Bytes("2"), Index: 4)).Value);
        Assert.Equal(true, _fsm.ApplyAt(6, new ApplyKv(KvVerb.Cas, "k", Bytes("2"), Index: 3)).Value);
        Assert.Equal(6, _fsm.State.GetKv("k")!.ModifyIndex);
    }

    [Fact]
    public void Apply_DeleteCasOfMissingKey_IsTrueAsInConsul()
    {
        Assert.Equal(true, _fsm.ApplyAt(3, new ApplyKv(KvVerb.DeleteCas, "gone", Index: 9)).Value);
        _fsm.ApplyAt(4, Put("k", "v"));
        Assert.Equal(false, _fsm.ApplyAt(5, new ApplyKv(KvVerb.DeleteCas, "k", Index: 3)).Value);
        Assert.Equal(true, _fsm.ApplyAt(6, new ApplyKv(KvVerb.DeleteCas, "k", Index: 4)).Value);
        Assert.Null(_fsm.State.GetKv("k"));
    }

    [Fact]
    public void Apply_DeleteTree_RemovesOnlyThePrefixAndLeavesTombstonesThatMoveTheRangeIndex()
    {
        _fsm.ApplyAt(3, Put("app/a", "1"));
        _fsm.ApplyAt(4, Put("app/b", "1"));
        _fsm.ApplyAt(5, Put("apple", "1"));
        _fsm.ApplyAt(6, Put("other", "1"));

        _fsm.ApplyAt(9, new ApplyKv(KvVerb.DeleteTree, "app/"));

        Assert.Equal(["apple", "other"], _fsm.State.KvList("").Select(e => e.Key));
        Assert.Equal(9, _fsm.State.KvRangeIndex("app/"));
        Assert.Equal(9, _fsm.State.KvIndex("app/a"));
        Assert.Equal(5, _fsm.State.KvRangeIndex("apple"));
    }

    [Fact]
    public void Apply_LockByAnotherSession_FailsAndLockIndexCountsNewHolders()
    {
        _fsm.Apply(Register(Node("n1"), null, NodeCheck("n1", "serfHealth")));
        _fsm.Apply(new CreateSession(NewSession("s1", "n1")));
        _fsm.Apply(new CreateSession(NewSession("s2", "n1")));

        Assert.Equal(true, _fsm.Apply(Lock("l", "s1")).Value);
        Assert.Equal(true, _fsm.Apply(Lock("l", "s1")).Value);
        Assert.Equal(1UL, _fsm.State.GetKv("l")!.LockIndex);
        Assert.Equal(false, _fsm.Apply(Lock("l", "s2")).Value);
        Assert.Equal(false, _fsm.Apply(new ApplyKv(KvVerb.Unlock, "l", Session: "s2")).Value);
        Assert.Equal(true, _fsm.Apply(new ApplyKv(KvVerb.Unlock, "l", Session: "s1")).Value);
        Assert.Equal(true, _fsm.Apply(Lock("l", "s2")).Value);

        var entry = _fsm.State.GetKv("l")!;
        Assert.Equal(("s2", 2UL), (entry.Session, entry.LockIndex));
        Assert.Equal(["l"], _fsm.State.KeysHeldBy("s2"));
        Assert.Empty(_fsm.State.KeysHeldBy("s1"));
    }

    [Fact]
    public void Apply_LockWithUnknownSession_IsRejected()
    {
        var result = _fsm.Apply(Lock("l", "nope"));

        var error = Assert.IsType<ParleyException>(result.Value);
        Assert.Equal("invalid session \"nope\"", error.Message);
        Assert.Null(_fsm.State.GetKv("l"));
    }

    [Fact]
    public void Apply_DestroySession_ReleasesHeldKeysAndLockDelayHoldsOffOthersUntilItEnds()
    {
        _fsm.Apply(Register(Node("n1"), null, NodeCheck("n1", "serfHealth")));
        _fsm.Apply(new CreateSession(NewSession("s1", "n1") with { LockDelay = TimeSpan.FromSeconds(15) }));
        _fsm.Apply(new CreateSession(NewSession("s2", "n1")));
        _fsm.Apply(Lock("l", "s1"));

        var destroyed = _fsm.Apply(new DestroySession("s1", T0));

        var entry = _fsm.State.GetKv("l")!;
        Assert.Equal(("", 1UL, destroyed.Index), (entry.Session, entry.LockIndex, entry.ModifyIndex));
        Assert.Null(_fsm.State.GetSession("s1"));
        Assert.Equal(false, _fsm.Apply(Lock("l", "s2", T0.AddSeconds(14))).Value);
        Assert.Equal(true, _fsm.Apply(Lock("l", "s2", T0.AddSeconds(15))).Value);
        Assert.Equal(2UL, _fsm.State.GetKv("l")!.LockIndex);
    }

    [Fact]
    public void Apply_DestroyDeleteBehaviorSession_DeletesHeldKeys()
    {
        _fsm.Apply(Register(Node("n1"), null, NodeCheck("n1", "serfHealth")));
        _fsm.Apply(new CreateSession(NewSession("s1", "n1") with { Behavior = SessionRules.BehaviorDelete }));
        _fsm.Apply(Lock("eph/a", "s1"));
        _fsm.Apply(Put("eph/b", "kept"));

        var destroyed = _fsm.Apply(new DestroySession("s1", T0));

        Assert.Equal(["eph/b"], _fsm.State.KvList("eph/").Select(e => e.Key));
        Assert.Equal(destroyed.Index, _fsm.State.KvIndex("eph/a"));
    }

    [Fact]
    public void Apply_CreateSession_RefusesMissingNodeAndCriticalOrMissingChecksWithConsulsTexts()
    {
        Assert.Equal("Missing node registration", Rejection(_fsm.Apply(new CreateSession(NewSession("s1", "n1")))));
        _fsm.Apply(Register(Node("n1"), null, NodeCheck("n1", "serfHealth", HealthStatus.Critical)));
        Assert.Equal("Check 'serfHealth' is in critical state", Rejection(_fsm.Apply(new CreateSession(NewSession("s1", "n1")))));
        Assert.Equal("Missing check 'other' registration",
            Rejection(_fsm.Apply(new CreateSession(NewSession("s1", "n1") with { NodeChecks = ["other"] }))));
        Assert.Empty(_fsm.State.Sessions());
    }

    [Fact]
    public void Apply_LockWhileSessionsCheckIsCritical_Fails()
    {
        _fsm.Apply(Register(Node("n1"), null, NodeCheck("n1", "serfHealth")));
        _fsm.Apply(new CreateSession(NewSession("s1", "n1")));
        _fsm.Apply(new UpdateCheckStatus("n1", "serfHealth", HealthStatus.Critical, ""));

        Assert.Equal(false, _fsm.Apply(Lock("l", "s1")).Value);
    }

    [Fact]
    public async Task RestoreSnapshotAsync_KvAndSessions_ComeBackWithTheirIndexes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _fsm.Apply(Register(Node("n1"), Service("n1", "web-1", "web"), NodeCheck("n1", "serfHealth"), ServiceCheck("n1", "svc", "web-1")));
        _fsm.ApplyOk(new CreateSession(NewSession("s1", "n1") with
        {
            TTL = "15s",
            ServiceChecks = [new SessionServiceCheck("svc")],
            NodeChecks = [],
        }));
        _fsm.Apply(new CreateSession(NewSession("s2", "n1") with { LockDelay = TimeSpan.FromSeconds(5) }));
        _fsm.Apply(Put("a", "1", flags: 7));
        _fsm.Apply(Lock("b", "s2"));
        _fsm.Apply(Put("c", "gone"));
        _fsm.Apply(new ApplyKv(KvVerb.Delete, "c"));
        _fsm.Apply(Lock("d", "s2"));
        _fsm.Apply(new DestroySession("s2", T0));

        using var stream = new MemoryStream();
        await _fsm.Machine.WriteSnapshotAsync(stream, cancellationToken);
        stream.Position = 0;
        var restored = new Fsm();
        await restored.Machine.RestoreSnapshotAsync(stream, cancellationToken);

        var (a, b) = (_fsm.State, restored.State);
        Assert.Equal(Dump(a), Dump(b));
        Assert.Equal(a.KvIndex("c"), b.KvIndex("c"));
        Assert.Equal(a.KvLockDelay("d"), b.KvLockDelay("d"));
        Assert.Equal(JsonSerializer.Serialize(a.Sessions()), JsonSerializer.Serialize(b.Sessions()));
        Assert.Equal(["svc"], b.GetSession("s1")!.ServiceChecks.Select(c => c.ID));
        Assert.Equal(a.TableIndex(Tables.Kvs), b.TableIndex(Tables.Kvs));
    }

    internal static string Dump(StateSnapshot s) => string.Join("\n", s.KvList("").Select(e =>
        $"{e.Key}={Convert.ToBase64String(e.Value.Span)} f{e.Flags} s{e.Session} l{e.LockIndex} {e.CreateIndex}/{e.ModifyIndex}"));

    private static string? Rejection(CommandResult result) => (result.Value as ParleyException)?.Message;

    private static Session NewSession(string id, string node) => new() { ID = id, Node = node, NodeChecks = ["serfHealth"] };

    private static ApplyKv Put(string key, string value, ulong flags = 0) => new(KvVerb.Set, key, Bytes(value), flags);

    private static ApplyKv Lock(string key, string session, DateTimeOffset? now = null) =>
        new(KvVerb.Lock, key, Bytes("held"), Session: session, Now: now ?? T0);

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
