using System.Text.Json.Nodes;

namespace Parley.Core.ConfigEntries.Schema;

/// <summary>Typed reads of a canonical entry body (<see cref="SchemaConfigEntry.Body"/>): absent fields read as zero values.</summary>
public static class BodyRead
{
    /// <summary>A string field, or "".</summary>
    public static string Str(JsonObject? obj, string name) => obj?[name] is JsonValue v ? v.GetValue<string>() : "";

    /// <summary>An integer field, or 0.</summary>
    public static long Long(JsonObject? obj, string name) =>
        obj?[name] is JsonValue v
            ? v.TryGetValue<long>(out var l) ? l : (long)double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    /// <summary>A bool field, or false.</summary>
    public static bool Bool(JsonObject? obj, string name) => obj?[name] is JsonValue v && v.GetValue<bool>();

    /// <summary>A nested object, or null when it was not set.</summary>
    public static JsonObject? Obj(JsonObject? obj, string name) => obj?[name] as JsonObject;

    /// <summary>A list of nested objects (empty when absent).</summary>
    public static IReadOnlyList<JsonObject> Objects(JsonObject? obj, string name) =>
        obj?[name] is JsonArray array ? [.. array.OfType<JsonObject>()] : [];

    /// <summary>A list of strings (empty when absent).</summary>
    public static IReadOnlyList<string> Strings(JsonObject? obj, string name) =>
        obj?[name] is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];
}
