namespace Parley.Core.ConfigEntries;

/// <summary>
/// Read access to the config entries of one snapshot, as the discovery-chain compiler and the cross-entry
/// validation need it. Implementations must be consistent for the duration of one call.
/// </summary>
public interface IConfigEntryLookup
{
    /// <summary>The entry of <paramref name="kind"/> named <paramref name="name"/>, or null.</summary>
    ConfigEntry? Get(string kind, string name);

    /// <summary>Every entry of <paramref name="kind"/>, in any order.</summary>
    IEnumerable<ConfigEntry> List(string kind);
}
