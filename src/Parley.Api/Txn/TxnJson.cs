using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Api.Http;

namespace Parley.Api.Txn;

/// <summary>Reading the members of a transaction op as Go's decoder does: names case-insensitive, absent members zero.</summary>
internal static class TxnJson
{
    public static JsonNode? Field(JsonObject o, string name) =>
        o.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public static string Text(JsonObject o, string name) => Field(o, name)?.GetValue<string>() ?? "";

    public static ulong Number(JsonNode? node) => node is null ? 0 : node.GetValue<ulong>();

    /// <summary>A ModifyIndex as the store keeps it; one past any real index never matches, so a cas with it is stale.</summary>
    public static long Index(JsonObject? o) => o is null ? 0 : (long)Math.Min(Number(Field(o, "ModifyIndex")), long.MaxValue);

    /// <summary>A member decoded into one of the catalog endpoints' request shapes (null when absent).</summary>
    /// <exception cref="JsonException">The member does not fit the shape.</exception>
    public static T? As<T>(JsonNode? node) where T : class => node?.Deserialize<T>(ApiJson.Request);
}
