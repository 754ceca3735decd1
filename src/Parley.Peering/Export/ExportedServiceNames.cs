using Parley.Core.ConfigEntries;
using Parley.Core.Exports;
using Parley.State.Store;

namespace Parley.Peering.Export;

/// <summary>
/// The <c>exported-services</c> entry read from a snapshot: which local service names go to which peer. Shared by
/// the peer stream's exporter and <c>/v1/exported-services</c>, so both always agree.
/// </summary>
public static class ExportedServiceNames
{
    /// <summary>The name of the CE <c>exported-services</c> entry.</summary>
    public const string EntryName = "default";

    /// <summary>Service names exported to the peer this cluster calls <paramref name="peerName"/>, sorted.</summary>
    public static IReadOnlyList<string> ForPeer(StateSnapshot snapshot, string peerName)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var lookup = new SnapshotConfigLookup(snapshot);
        if (Entry(lookup) is not { } entry)
        {
            return [];
        }

        return ExportedServicesResolver.ForPeer(entry, peerName, LocalServices(snapshot), ConnectExports.ChainNames(lookup));
    }

    /// <summary>Every exported service with its consumer peers, sorted by service.</summary>
    public static IReadOnlyList<(string Service, IReadOnlyList<string> Peers)> All(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var lookup = new SnapshotConfigLookup(snapshot);
        if (Entry(lookup) is not { } entry)
        {
            return [];
        }

        return ExportedServicesResolver.All(entry, LocalServices(snapshot), ConnectExports.ChainNames(lookup));
    }

    /// <summary>The distinct local (not imported) service names with their kinds.</summary>
    public static IEnumerable<(string Name, string Kind)> LocalServices(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Services().Select(i => (i.Service, i.Kind)).Distinct();
    }

    private static ExportedServicesConfigEntry? Entry(SnapshotConfigLookup lookup) =>
        lookup.Get(ConfigEntryKinds.ExportedServices, EntryName) as ExportedServicesConfigEntry;
}
