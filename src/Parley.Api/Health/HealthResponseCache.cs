using System.Collections.Concurrent;

namespace Parley.Api.Health;

/// <summary>
/// The encoded JSON of recent <c>/v1/health/service/:name</c> answers, per service, peer and query shape, each valid
/// while the service's index and rows are the ones it was encoded from: a repeated read (a load balancer's poll, a
/// watch waking many clients) writes the same bytes again instead of building and serializing the rows afresh.
/// </summary>
/// <remarks>
/// Only answers that do not depend on who asks are kept (ACLs disabled or a management token, so nothing is filtered;
/// no <c>?near</c>); everything else in the query string is part of the key, so <c>?tag</c>, <c>?node-meta</c>,
/// <c>?passing</c>, <c>?filter</c> and <c>?pretty</c> each get their own entry. A service's index moves whenever
/// anything in its answer changes (docs/architecture/state.md); the identity of its instance set
/// (<see cref="State.Store.StateSnapshot.ServiceRowsVersion"/>) tells a restored state, which may reuse an index, apart.
/// </remarks>
public sealed class HealthResponseCache
{
    /// <summary>Entries kept before the cache starts over (a bound on memory, not an eviction policy).</summary>
    public const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The bytes encoded for <paramref name="key"/> from these rows at this index, if any.</summary>
    public byte[]? Get(string key, long index, object version)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _entries.TryGetValue(key, out var entry) && entry.Index == index && ReferenceEquals(entry.Version, version)
            ? entry.Bytes
            : null;
    }

    /// <summary>Keeps <paramref name="bytes"/> as the answer for <paramref name="key"/> from these rows at this index.</summary>
    public void Set(string key, long index, object version, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(index, version, bytes);
    }

    private sealed record Entry(long Index, object Version, byte[] Bytes);
}
