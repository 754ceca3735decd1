namespace Parley.Core.ConfigEntries;

/// <summary>
/// A centrally stored piece of configuration (Consul's config entry). Every kind is a sealed record in
/// this folder; <see cref="ConfigEntryCodec"/> turns them into Consul's JSON shape and back.
/// </summary>
/// <remarks>
/// Entries are immutable values. Collections are never null: an absent list is empty, an absent map is
/// empty. Equality of two entries is best checked with <see cref="ConfigEntryCodec.ContentEquals"/>,
/// because record equality compares collections by reference.
/// </remarks>
public abstract record ConfigEntry
{
    /// <summary>The entry kind, one of <see cref="ConfigEntryKinds"/> (e.g. <c>service-resolver</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>The entry name; for most kinds the service it configures.</summary>
    public string Name { get; init; } = "";

    /// <summary>Free-form metadata (at most 64 pairs, keys up to 128 and values up to 512 bytes).</summary>
    public IReadOnlyDictionary<string, string> Meta { get; init; } = EmptyCollections.StringMap;

    /// <summary>Raft index of the write that created the entry; set by the state store, never decoded.</summary>
    public long CreateIndex { get; init; }

    /// <summary>Raft index of the last write that changed the entry; set by the state store, never decoded.</summary>
    public long ModifyIndex { get; init; }
}
