using System.Text.Json.Serialization;

namespace Parley.Client;

/// <summary>A key/value pair (Consul's <c>api.KVPair</c>); <see cref="Value"/> travels base64 in JSON.</summary>
public sealed record KVPair
{
    public required string Key { get; init; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; init; }
    public ulong LockIndex { get; init; }
    public ulong Flags { get; init; }

    /// <summary>The value; null when it is empty.</summary>
    public byte[]? Value { get; init; }

    /// <summary>The session holding the lock, or null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Session { get; init; }
}
