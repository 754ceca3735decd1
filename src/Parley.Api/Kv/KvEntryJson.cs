using System.Text.Json.Serialization;
using Parley.Core.Kv;

namespace Parley.Api.Kv;

/// <summary>A KV entry as Consul's API writes it (<c>api.KVPair</c>): fields in Consul's order, the value in base64.</summary>
public sealed record KvEntryJson
{
    public ulong LockIndex { get; init; }
    public required string Key { get; init; }
    public ulong Flags { get; init; }

    /// <summary>The value in base64; null for an empty value, as Go writes a nil byte slice.</summary>
    public string? Value { get; init; }

    /// <summary>The lock holder; omitted when nobody holds the key.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Session { get; init; }
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }

    public static KvEntryJson From(KvEntry entry) => new()
    {
        LockIndex = entry.LockIndex,
        Key = entry.Key,
        Flags = entry.Flags,
        Value = entry.Value.IsEmpty ? null : Convert.ToBase64String(entry.Value.Span),
        Session = entry.Session.Length > 0 ? entry.Session : null,
        CreateIndex = entry.CreateIndex,
        ModifyIndex = entry.ModifyIndex,
    };
}
