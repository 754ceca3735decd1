using Parley.Core.Kv;

namespace Parley.State.Commands;

/// <summary>
/// One KV write (Consul's <c>KVSRequest</c>). <paramref name="Index"/> is the check-and-set index of
/// <see cref="KvVerb.Cas"/> and <see cref="KvVerb.DeleteCas"/>; <paramref name="Session"/> names the lock holder for
/// <see cref="KvVerb.Lock"/> and <see cref="KvVerb.Unlock"/>; <paramref name="Now"/> is the writer's clock, against
/// which a lock's delay is checked. The result is <c>true</c>/<c>false</c>.
/// </summary>
public sealed record ApplyKv(
    KvVerb Verb, string Key, ReadOnlyMemory<byte> Value = default, ulong Flags = 0, ulong Index = 0, string Session = "",
    DateTimeOffset Now = default) : Command;

/// <summary>Creates a session, validated by the handler; its node and checks are checked again at apply.</summary>
public sealed record CreateSession(Session Session) : Command;

/// <summary>
/// Destroys (invalidates) a session: the keys it holds are released or deleted by its Behavior, and stay unlockable
/// for its LockDelay after <paramref name="Now"/>. A session that is already gone is not an error.
/// </summary>
public sealed record DestroySession(string ID, DateTimeOffset Now) : Command;

/// <summary>
/// The KV-only transaction entries written before <see cref="Transaction"/> existed; still applied (as a
/// <see cref="Transaction"/> of KV ops) so that old logs and snapshots replay. Nothing writes it any more.
/// </summary>
public sealed record KvTransaction(IReadOnlyList<ApplyKv> Ops, DateTimeOffset Now) : Command;
