namespace Parley.Core.ConfigEntries;

/// <summary>An immutable <see cref="IConfigEntryLookup"/> over a fixed set of entries (tests, snapshots, overlays).</summary>
public sealed class ConfigEntrySet : IConfigEntryLookup
{
    private readonly Dictionary<(string Kind, string Name), ConfigEntry> _entries = [];

    /// <summary>An empty set.</summary>
    public static ConfigEntrySet Empty { get; } = new([]);

    /// <summary>Creates a set; a later entry with the same kind and name replaces an earlier one.</summary>
    public ConfigEntrySet(IEnumerable<ConfigEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            _entries[(entry.Kind, entry.Name)] = entry;
        }
    }

    public ConfigEntry? Get(string kind, string name) => _entries.GetValueOrDefault((kind, name));

    public IEnumerable<ConfigEntry> List(string kind) => _entries.Values.Where(e => e.Kind == kind);

    /// <summary>
    /// A view of <paramref name="inner"/> with <paramref name="upsert"/> written over it and, optionally, one entry
    /// removed — what the store would hold after a proposed write or delete.
    /// </summary>
    public static IConfigEntryLookup Overlay(IConfigEntryLookup inner, ConfigEntry? upsert, (string Kind, string Name)? remove = null) =>
        new OverlayLookup(inner, upsert, remove);

    private sealed class OverlayLookup(IConfigEntryLookup inner, ConfigEntry? upsert, (string Kind, string Name)? remove)
        : IConfigEntryLookup
    {
        public ConfigEntry? Get(string kind, string name)
        {
            if (remove is { } r && r.Kind == kind && r.Name == name)
            {
                return null;
            }

            if (upsert is not null && upsert.Kind == kind && upsert.Name == name)
            {
                return upsert;
            }

            return inner.Get(kind, name);
        }

        public IEnumerable<ConfigEntry> List(string kind)
        {
            foreach (var entry in inner.List(kind))
            {
                if (remove is { } r && r.Kind == entry.Kind && r.Name == entry.Name)
                {
                    continue;
                }

                if (upsert is not null && upsert.Kind == entry.Kind && upsert.Name == entry.Name)
                {
                    continue;
                }

                yield return entry;
            }

            if (upsert is not null && upsert.Kind == kind)
            {
                yield return upsert;
            }
        }
    }
}
