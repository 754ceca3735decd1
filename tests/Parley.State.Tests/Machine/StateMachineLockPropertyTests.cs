using CsCheck;
using Parley.Core.Catalog;
using Parley.Core.Kv;
using Parley.State.Commands;
using Parley.State.Tests.Support;
using static Parley.State.Tests.Support.Sample;

namespace Parley.State.Tests.Machine;

/// <summary>
/// Random interleavings of session create/destroy, acquire, release, plain writes, deletes and check failures against a
/// model of who holds each lock: one holder per key at most, only a live session holds, acquire succeeds exactly when
/// the model says the key is free (or already ours), and a key's LockIndex never goes back while it exists.
/// </summary>
public sealed class StateMachineLockPropertyTests
{
    private static readonly string[] Sessions = ["s1", "s2", "s3"];
    private static readonly string[] LockKeys = ["lock/a", "lock/b"];
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<(int Op, int Session, int Key, int Seconds)> Step =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, Sessions.Length - 1], Gen.Int[0, LockKeys.Length - 1], Gen.Int[0, 20]);

    [Fact]
    public void RandomInterleavings_KeepOneLiveHolderPerLockKey() =>
        Step.Array[1, 60].Sample(steps =>
        {
            var fsm = new Fsm();
            fsm.Apply(Register(Node("n1"), null, NodeCheck("n1", "serfHealth")));
            var holders = new Dictionary<string, string>();
            var delayedUntil = new Dictionary<string, DateTimeOffset>();
            var live = new HashSet<string>();
            var healthy = true;
            var now = T0;
            var lastLockIndex = new Dictionary<string, ulong>();
            foreach (var (op, s, k, seconds) in steps)
            {
                var session = Sessions[s];
                var key = LockKeys[k];
                now = now.AddSeconds(seconds);
                switch (op)
                {
                    case 0:
                        if (!live.Contains(session))
                        {
                            var created = fsm.Apply(new CreateSession(new Session
                            {
                                ID = session,
                                Node = "n1",
                                NodeChecks = ["serfHealth"],
                                LockDelay = TimeSpan.FromSeconds(10),
                            }));
                            Assert.Equal(healthy, created.Value is string);
                            if (healthy)
                            {
                                live.Add(session);
                            }
                        }

                        break;
                    case 1 or 2:
                        var free = !holders.TryGetValue(key, out var holder) || holder == session;
                        var delayed = holder != session && delayedUntil.TryGetValue(key, out var until) && now < until;
                        var acquired = fsm.Apply(new ApplyKv(KvVerb.Lock, key, Session: session, Now: now));
                        if (!live.Contains(session))
                        {
                            Assert.IsAssignableFrom<Exception>(acquired.Value);
                            break;
                        }

                        Assert.Equal(free && !delayed && healthy, acquired.Value);
                        if (acquired.Value is true)
                        {
                            holders[key] = session;
                        }

                        break;
                    case 3:
                        var released = fsm.Apply(new ApplyKv(KvVerb.Unlock, key, Session: session));
                        Assert.Equal(holders.GetValueOrDefault(key) == session, released.Value);
                        if (released.Value is true)
                        {
                            holders.Remove(key);
                        }

                        break;
                    case 4:
                        fsm.Apply(new DestroySession(session, now));
                        live.Remove(session);
                        foreach (var held in holders.Where(h => h.Value == session).Select(h => h.Key).ToList())
                        {
                            holders.Remove(held);
                            delayedUntil[held] = now.AddSeconds(10);
                        }

                        break;
                    case 5:
                        // A plain write keeps the holder, as in Consul.
                        fsm.Apply(new ApplyKv(KvVerb.Set, key));
                        break;
                    case 6:
                        fsm.Apply(new ApplyKv(KvVerb.Delete, key));
                        holders.Remove(key);

                        // A deleted key starts again at LockIndex 1 when it is next locked.
                        lastLockIndex.Remove(key);
                        break;
                    default:
                        healthy = !healthy;
                        fsm.Apply(new UpdateCheckStatus("n1", "serfHealth", healthy ? HealthStatus.Passing : HealthStatus.Critical, ""));
                        break;
                }

                foreach (var lockKey in LockKeys)
                {
                    var entry = fsm.State.GetKv(lockKey);
                    Assert.Equal(holders.GetValueOrDefault(lockKey) ?? "", entry?.Session ?? "");
                    if (entry is not null && entry.Session.Length > 0)
                    {
                        Assert.NotNull(fsm.State.GetSession(entry.Session));
                        Assert.Contains(lockKey, fsm.State.KeysHeldBy(entry.Session));
                    }

                    if (entry is not null)
                    {
                        Assert.True(entry.LockIndex >= lastLockIndex.GetValueOrDefault(lockKey));
                        lastLockIndex[lockKey] = entry.LockIndex;
                    }
                }

                foreach (var id in Sessions)
                {
                    Assert.All(fsm.State.KeysHeldBy(id), held => Assert.Equal(id, fsm.State.GetKv(held)?.Session));
                }
            }
        }, iter: 300);
}
