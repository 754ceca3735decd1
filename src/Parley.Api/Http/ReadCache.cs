using System.Collections.Concurrent;
using System.Globalization;

namespace Parley.Api.Http;

/// <summary>
/// Consul's agent cache as <c>?cached</c> reads see it (<c>X-Cache: HIT|MISS</c>, <c>Age</c>). Parley's agent reads a local
/// snapshot of the replicated state, so the cached answer is always the current one; what this keeps is when each
/// cacheable query was first answered at its current index. A repeated query whose index has not moved is a HIT aged
/// from that first answer; a first query, a moved index or an entry older than <c>Cache-Control: max-age</c> is a MISS.
/// </summary>
/// <remarks>Thread-safe; one per agent. Bounded: past <see cref="MaxEntries"/> it starts afresh (all MISS once).</remarks>
public sealed class ReadCache(TimeProvider timeProvider)
{
    /// <summary>At most this many distinct queries are remembered.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>The routes Consul's agent serves from its cache with <c>?cached</c>; others ignore it, as Consul's do.</summary>
    private static readonly HashSet<string> Cacheable = new(StringComparer.Ordinal)
    {
        "/v1/catalog/services", "/v1/catalog/service/{name}", "/v1/catalog/connect/{name}",
        "/v1/health/service/{name}", "/v1/health/connect/{name}", "/v1/health/ingress/{name}",
        "/v1/config/{kind}/{**name}", "/v1/discovery-chain/{**name}",
    };

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Whether Consul's agent would serve the route <paramref name="pattern"/> from its cache.</summary>
    public static bool Serves(string? pattern) => pattern is not null && Cacheable.Contains(pattern);

    /// <summary>
    /// Records an answer of <paramref name="key"/> (path and query) at <paramref name="index"/> and returns Consul's cache
    /// headers for it: whether it was a hit, and its age.
    /// </summary>
    /// <param name="key">The request's path and query, without its token.</param>
    /// <param name="index">The index the answer was read at.</param>
    /// <param name="maxAge">Cache-Control's max-age: an older entry is fetched afresh (a miss); null for none.</param>
    public (bool Hit, TimeSpan Age) Record(string key, long index, TimeSpan? maxAge)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = timeProvider.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry) && entry.Index == index)
        {
            var age = timeProvider.GetElapsedTime(entry.At, now);
            if (maxAge is not { } max || age <= max)
            {
                return (true, age);
            }
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(index, now);
        return (false, TimeSpan.Zero);
    }

    /// <summary>Cache-Control's <c>max-age=N</c> (seconds), or null.</summary>
    public static TimeSpan? MaxAge(string cacheControl)
    {
        foreach (var part in (cacheControl ?? "").Split(','))
        {
            var directive = part.Trim();
            if (directive.StartsWith("max-age=", StringComparison.OrdinalIgnoreCase) &&
                long.TryParse(directive["max-age=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return null;
    }

    private sealed record Entry(long Index, long At);
}
