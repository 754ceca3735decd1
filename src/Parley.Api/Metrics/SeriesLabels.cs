namespace Parley.Api.Metrics;

/// <summary>A measurement's labels, sorted by name so that equal sets compare and hash equal.</summary>
internal sealed class SeriesLabels : IEquatable<SeriesLabels>
{
    public static readonly SeriesLabels None = new([]);

    private readonly KeyValuePair<string, string>[] _pairs;
    private readonly int _hash;

    private SeriesLabels(KeyValuePair<string, string>[] pairs)
    {
        _pairs = pairs;
        var hash = default(HashCode);
        foreach (var (name, value) in pairs)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>The label names in order.</summary>
    public string[] Names => [.. _pairs.Select(p => p.Key)];

    /// <summary>The label values in the order of <see cref="Names"/>.</summary>
    public string[] Values => [.. _pairs.Select(p => p.Value)];

    public static SeriesLabels From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return None;
        }

        var pairs = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            pairs[i] = new(
                MetricSeries.Flatten(tags[i].Key),
                Convert.ToString(tags[i].Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        Array.Sort(pairs, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new SeriesLabels(pairs);
    }

    /// <summary>The labels as Consul's JSON shows them (<c>"Labels": {"peer_name": "cluster-01"}</c>).</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => _pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public bool Equals(SeriesLabels? other) =>
        other is not null && _hash == other._hash && _pairs.AsSpan().SequenceEqual(other._pairs);

    public override bool Equals(object? obj) => Equals(obj as SeriesLabels);

    public override int GetHashCode() => _hash;
}
