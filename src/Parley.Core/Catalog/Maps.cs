namespace Parley.Core.Catalog;

/// <summary>Structural equality for the string maps and lists the catalog carries.</summary>
public static class Maps
{
    /// <summary>The shared empty map; never mutate it.</summary>
    public static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();

    public static bool Equal(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        a ??= EmptyMap;
        b ??= EmptyMap;
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }

        return true;
    }

    public static bool Equal(IReadOnlyList<string>? a, IReadOnlyList<string>? b)
    {
        a ??= [];
        b ??= [];
        return a.Count == b.Count && a.SequenceEqual(b, StringComparer.Ordinal);
    }
}
