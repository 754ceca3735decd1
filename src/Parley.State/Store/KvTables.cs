using System.Collections.Immutable;
using Parley.Core.Kv;

namespace Parley.State.Store;

/// <summary>
/// The KV and session tables of a snapshot: entries by key, the index at which each deleted key went (tombstones, so a
/// reader of a key range sees a deletion move its index), sessions by id, the keys each session holds, and the time
/// until which a key stays unlockable after its holder was invalidated (Consul's lock-delay).
/// </summary>
/// <remarks>
/// Entries and tombstones are hashed by key with a sorted set of their keys beside them, so a prefix is found by
/// binary search (<see cref="InRange"/>) instead of a walk from the first key.
/// </remarks>
internal sealed record KvTables(
    ImmutableDictionary<string, KvEntry> Entries,
    ImmutableSortedSet<string> EntryKeys,
    ImmutableDictionary<string, long> Tombstones,
    ImmutableSortedSet<string> TombstoneKeys,
    ImmutableSortedDictionary<string, Session> Sessions,
    ImmutableDictionary<string, ImmutableSortedSet<string>> KeysBySession,
    ImmutableSortedDictionary<string, DateTimeOffset> LockDelays)
{
    public static readonly KvTables Empty = new(
        ImmutableDictionary.Create<string, KvEntry>(StringComparer.Ordinal),
        ImmutableSortedSet.Create<string>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, long>(StringComparer.Ordinal),
        ImmutableSortedSet.Create<string>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, Session>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, DateTimeOffset>(StringComparer.Ordinal));

    /// <summary>The keys of <paramref name="keys"/> that start with <paramref name="prefix"/>, in order.</summary>
    public static IEnumerable<string> InRange(ImmutableSortedSet<string> keys, string prefix)
    {
        var i = keys.IndexOf(prefix);
        for (i = i < 0 ? ~i : i; i < keys.Count; i++)
        {
            var key = keys[i];
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield break;
            }

            yield return key;
        }
    }
}
