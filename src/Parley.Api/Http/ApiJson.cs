using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Api.Http;

/// <summary>JSON settings of the HTTP API: Consul's field names as written, compact unless <c>?pretty</c>.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Compact = Create(indented: false);

    /// <summary>Consul's <c>?pretty</c>: four-space indentation.</summary>
    public static readonly JsonSerializerOptions Pretty = Create(indented: true);

    /// <summary>Request bodies: field names matched case-insensitively, as Go's decoder does.</summary>
    public static readonly JsonSerializerOptions Request = new()
    {
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = null,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static JsonSerializerOptions Create(bool indented) => new()
    {
        PropertyNamingPolicy = null,
        WriteIndented = indented,
        IndentSize = 4,
        // Go's encoder escapes <, > and & but leaves other characters; relaxed escaping is closest and readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
