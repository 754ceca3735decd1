using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Core.Go;

namespace Parley.Core.Catalog;

/// <summary>
/// How the agent runs a check it owns: a TTL, an HTTP or TCP probe with interval and timeout, or an alias of another
/// service's (or node's) checks.
/// Kept on the check row (as <see cref="HealthCheck.DefinitionJson"/>) so the agent finds it after a restart.
/// </summary>
public sealed record CheckDefinition
{
    public string? HTTP { get; init; }
    public string Method { get; init; } = "GET";
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Header { get; init; }
    public string? Body { get; init; }
    public string? TCP { get; init; }
    public TimeSpan? TTL { get; init; }
    public TimeSpan Interval { get; init; }

    /// <summary>Probe timeout. Defaults to 10 seconds, as Consul's.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public bool TLSSkipVerify { get; init; }

    /// <summary>An alias check: the ID of the service (on <see cref="AliasNode"/>, else this node) whose health it mirrors.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AliasService { get; init; }

    /// <summary>An alias check: the node whose health (with <see cref="AliasService"/>, that service's on it) it mirrors.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AliasNode { get; init; }

    /// <summary><c>ttl</c>, <c>http</c>, <c>tcp</c> or <c>alias</c>; empty when the definition holds none of them.</summary>
    public string Type => TTL is not null ? "ttl" : HTTP is not null ? "http" : TCP is not null ? "tcp"
        : AliasService is not null || AliasNode is not null ? "alias" : "";

    // Keys in any case and durations as Go text or nanoseconds: a catalog registration's Check.Definition arrives in
    // the shape Consul's clients send (HashiCorp's Go client writes "10s"), and must read back like the agent's own.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        Converters = { new GoDurationJsonConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a stored definition, or a client's <c>Check.Definition</c>.</summary>
    /// <exception cref="JsonException">The JSON is malformed or a field has a value of the wrong type.</exception>
    public static CheckDefinition? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<CheckDefinition>(json, JsonOptions);
}
