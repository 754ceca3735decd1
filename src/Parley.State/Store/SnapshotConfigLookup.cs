using System.Runtime.CompilerServices;
using Parley.Core.ConfigEntries;

namespace Parley.State.Store;

/// <summary>
/// Typed config entries of one snapshot, for validation, the discovery chain and export resolution. Each
/// stored row is decoded once: rows are immutable and shared between snapshots until rewritten.
/// </summary>
public sealed class SnapshotConfigLookup(StateSnapshot snapshot) : IConfigEntryLookup
{
    private static readonly ConditionalWeakTable<StoredConfigEntry, ConfigEntry> Decoded = new();

    public ConfigEntry? Get(string kind, string name) => snapshot.GetConfigEntry(kind, name) is { } row ? Decode(row) : null;

    public IEnumerable<ConfigEntry> List(string kind) => snapshot.ConfigEntries(kind).Select(Decode);

    /// <summary>The typed entry of a stored row, with its indexes.</summary>
    public static ConfigEntry Decode(StoredConfigEntry row) =>
        Decoded.GetValue(row, static r => ConfigEntryCodec.Decode(r.Body) with
        {
            CreateIndex = r.CreateIndex,
            ModifyIndex = r.ModifyIndex,
        });
}
