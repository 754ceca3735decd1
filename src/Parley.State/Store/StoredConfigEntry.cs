using System.Text.Json.Nodes;

namespace Parley.State.Store;

/// <summary>
/// A config entry as the store keeps it: the canonical JSON body (Consul's field names, no indexes) plus
/// its indexes. Typed decoding belongs to Parley.Core; the store stays independent of entry kinds.
/// </summary>
public sealed record StoredConfigEntry(string Kind, string Name, JsonObject Body, long CreateIndex, long ModifyIndex)
{
    /// <summary>The body with <c>CreateIndex</c> and <c>ModifyIndex</c> added, as the HTTP API returns it.</summary>
    public JsonObject ToJson()
    {
        var json = (JsonObject)Body.DeepClone();
        json[nameof(CreateIndex)] = CreateIndex;
        json[nameof(ModifyIndex)] = ModifyIndex;
        return json;
    }
}
