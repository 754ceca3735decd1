namespace Parley.Core.Kv;

/// <summary>
/// One key/value pair as the store keeps it (Consul's <c>DirEntry</c>). <see cref="Value"/> is never mutated once
/// the entry is stored; an empty value reads back as JSON <c>null</c>, as Consul's does.
/// </summary>
public sealed record KvEntry
{
    public required string Key { get; init; }
    public ReadOnlyMemory<byte> Value { get; init; }
    public ulong Flags { get; init; }

    /// <summary>The session holding the lock on this key, or "" when nobody does.</summary>
    public string Session { get; init; } = "";

    /// <summary>How many times the lock on this key has been acquired by a new holder.</summary>
    public ulong LockIndex { get; init; }
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }
}
