using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Parley.Client;

/// <summary>
/// The JSON settings of the wire model: Consul's PascalCase field names as written (no naming policy),
/// case-insensitive reads, nulls written unless a property carries <see cref="OmitEmptyAttribute"/> (as Go's
/// <c>encoding/json</c> does), RFC 3339 times as Go writes them.
/// </summary>
public static class ParleyJson
{
    /// <summary>Compact output; what the client sends and reads.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indentSize: 0);

    /// <summary>Output indented with four spaces, as Consul's CLI prints JSON (<c>json.MarshalIndent(v, "", "    ")</c>).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indentSize: 4);

    private static JsonSerializerOptions Create(int indentSize)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = null,
            PropertyNameCaseInsensitive = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new Rfc3339TimeConverter() },
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { ApplyOmitEmpty } },
        };
        if (indentSize > 0)
        {
            options.WriteIndented = true;
            options.IndentSize = indentSize;
        }

        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static void ApplyOmitEmpty(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.AttributeProvider?.IsDefined(typeof(OmitEmptyAttribute), inherit: false) == true)
            {
                property.ShouldSerialize = static (_, value) => !IsEmpty(value);
            }
        }
    }

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        ICollection collection => collection.Count == 0,
        System.Text.Json.Nodes.JsonObject node => node.Count == 0,
        bool flag => !flag,
        int number => number == 0,
        long number => number == 0,
        ulong number => number == 0,
        double number => number == 0,
        _ => false,
    };
}
