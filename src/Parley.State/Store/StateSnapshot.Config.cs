namespace Parley.State.Store;

public sealed partial class StateSnapshot
{
    public StoredConfigEntry? GetConfigEntry(string kind, string name) => ConfigRows.GetValueOrDefault(Keys.ConfigEntry(kind, name));

    /// <summary>Entries of one kind ordered by name, or every entry when <paramref name="kind"/> is null.</summary>
    public IEnumerable<StoredConfigEntry> ConfigEntries(string? kind = null) =>
        kind is null ? ConfigRows.Values : RowsWithPrefix(ConfigRows, Keys.ConfigKindPrefix(kind));
}
