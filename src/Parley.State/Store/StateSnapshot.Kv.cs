using Parley.Core.Kv;

namespace Parley.State.Store;

public sealed partial class StateSnapshot
{
    internal KvTables Kv { get; init; } = KvTables.Empty;

    public KvEntry? GetKv(string key) => Kv.Entries.GetValueOrDefault(key);

    /// <summary>
    /// The index a reader of one key blocks on: the entry's ModifyIndex, else the index at which it was deleted, else 0.
    /// Unlike Consul (which answers the whole table's index for a missing key), writes to other keys never move it, so
    /// a watch on a key that does not exist yet wakes only when that key is written.
    /// </summary>
    public long KvIndex(string key) =>
        GetKv(key)?.ModifyIndex ?? Kv.Tombstones.GetValueOrDefault(key);

    /// <summary>The entries under <paramref name="prefix"/> ("" = all) in key order.</summary>
    public IEnumerable<KvEntry> KvList(string prefix) => KvTables.InRange(Kv.EntryKeys, prefix).Select(k => Kv.Entries[k]);

    /// <summary>
    /// The index a reader of a prefix blocks on: the highest ModifyIndex under it, or deletion index of a key under it.
    /// Only writes inside the range move it.
    /// </summary>
    public long KvRangeIndex(string prefix)
    {
        long max = 0;
        foreach (var entry in KvList(prefix))
        {
            max = Math.Max(max, entry.ModifyIndex);
        }

        foreach (var key in KvTables.InRange(Kv.TombstoneKeys, prefix))
        {
            max = Math.Max(max, Kv.Tombstones[key]);
        }

        return max;
    }

    /// <summary>The time until which <paramref name="key"/> cannot be locked after its holder was invalidated, if any.</summary>
    public DateTimeOffset? KvLockDelay(string key) => Kv.LockDelays.TryGetValue(key, out var until) ? until : null;

    public Session? GetSession(string id) => Kv.Sessions.GetValueOrDefault(id);

    /// <summary>Every session, ordered by id.</summary>
    public IEnumerable<Session> Sessions() => Kv.Sessions.Values;

    /// <summary>The sessions of one node (names compared case-insensitively, as node names are), ordered by id.</summary>
    public IEnumerable<Session> NodeSessions(string node) =>
        Kv.Sessions.Values.Where(s => string.Equals(s.Node, node, StringComparison.OrdinalIgnoreCase));

    /// <summary>The keys a session holds the lock on, in key order.</summary>
    public IEnumerable<string> KeysHeldBy(string session) => Kv.KeysBySession.GetValueOrDefault(session) ?? [];
}
