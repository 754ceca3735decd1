using System.Text.Json.Nodes;

namespace Parley.State.Store;

internal sealed partial class StateTxn
{
    public StoredConfigEntry? GetConfigEntry(string kind, string name) => _config.GetValueOrDefault(Keys.ConfigEntry(kind, name));

    /// <summary>Writes a config entry; with <paramref name="cas"/> only if the stored ModifyIndex matches (0 = absent).</summary>
    public bool SetConfigEntry(string kind, string name, JsonObject body, long? cas)
    {
        var key = Keys.ConfigEntry(kind, name);
        var existing = _config.GetValueOrDefault(key);
        if (cas is { } expected && (existing?.ModifyIndex ?? 0) != expected)
        {
            return false;
        }

        _config[key] = new StoredConfigEntry(kind, name, body, existing?.CreateIndex ?? _index, _index);
        Touch(Tables.ConfigEntries);
        Touch(Tables.ConfigKind(kind));
        return true;
    }

    /// <summary>
    /// Deletes a config entry; with <paramref name="cas"/> only if it exists and its ModifyIndex matches
    /// (as Consul's DeleteConfigEntryCAS: nothing to delete is <c>false</c>, even for 0).
    /// </summary>
    public bool DeleteConfigEntry(string kind, string name, long? cas)
    {
        var key = Keys.ConfigEntry(kind, name);
        var existing = _config.GetValueOrDefault(key);
        if (cas is { } expected && (existing is null || existing.ModifyIndex != expected))
        {
            return false;
        }

        if (existing is not null)
        {
            _config.Remove(key);
            Touch(Tables.ConfigEntries);
            Touch(Tables.ConfigKind(kind));
        }

        return true;
    }
}
