using System.Collections.Immutable;
using Parley.Core.Catalog;

namespace Parley.State.Store;

/// <summary>
/// One immutable version of the whole state, tagged with the log index it reflects. Readers take the
/// current snapshot and query it without locks; the FSM builds the next one and publishes it.
/// </summary>
public sealed partial class StateSnapshot
{
    public static readonly StateSnapshot Empty = new(
        0,
        ImmutableSortedDictionary.Create<string, Node>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedDictionary<string, ServiceInstance>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedDictionary<string, HealthCheck>>(StringComparer.Ordinal),
        ImmutableDictionary<ServiceRef, ImmutableSortedSet<string>>.Empty,
        ImmutableDictionary.Create<string, ImmutableSortedSet<ServiceRef>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedSet<ServiceRef>>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, StoredConfigEntry>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, long>(StringComparer.Ordinal),
        PeeringTables.Empty);

    internal StateSnapshot(
        long index,
        ImmutableSortedDictionary<string, Node> nodes,
        ImmutableDictionary<string, ImmutableSortedDictionary<string, ServiceInstance>> services,
        ImmutableDictionary<string, ImmutableSortedDictionary<string, HealthCheck>> checks,
        ImmutableDictionary<ServiceRef, ImmutableSortedSet<string>> checksByOwner,
        ImmutableDictionary<string, ImmutableSortedSet<ServiceRef>> servicesByName,
        ImmutableDictionary<string, ImmutableSortedSet<ServiceRef>> servicesByKind,
        ImmutableSortedDictionary<string, StoredConfigEntry> configEntries,
        ImmutableDictionary<string, long> tableIndexes,
        PeeringTables peering)
    {
        Index = index;
        NodeRows = nodes;
        ServiceRows = services;
        CheckRows = checks;
        ChecksByOwner = checksByOwner;
        ServicesByName = servicesByName;
        ServicesByKind = servicesByKind;
        ConfigRows = configEntries;
        TableIndexes = tableIndexes;
        Peering = peering;
    }

    /// <summary>The log index of the last command this snapshot includes.</summary>
    public long Index { get; }

    internal ImmutableSortedDictionary<string, Node> NodeRows { get; }

    /// <summary>Service instances by node key, then service id.</summary>
    internal ImmutableDictionary<string, ImmutableSortedDictionary<string, ServiceInstance>> ServiceRows { get; }

    /// <summary>Checks by node key, then check id.</summary>
    internal ImmutableDictionary<string, ImmutableSortedDictionary<string, HealthCheck>> CheckRows { get; }

    /// <summary>
    /// Secondary index: the ids (ordered ordinally, as <see cref="CheckRows"/> are) of the checks of each service
    /// instance, and, under an empty service id, of each node's own checks. Nodes carry hundreds of checks, and the
    /// readers and writers of one instance (its health answer, the peering exporter, a renamed or deleted instance)
    /// want only the node's and its own. Holds no empty set.
    /// </summary>
    internal ImmutableDictionary<ServiceRef, ImmutableSortedSet<string>> ChecksByOwner { get; }

    /// <summary>Secondary index: peer + service name to its instances.</summary>
    internal ImmutableDictionary<string, ImmutableSortedSet<ServiceRef>> ServicesByName { get; }

    /// <summary>Secondary index: peer + non-typical kind to its instances.</summary>
    internal ImmutableDictionary<string, ImmutableSortedSet<ServiceRef>> ServicesByKind { get; }

    internal ImmutableSortedDictionary<string, StoredConfigEntry> ConfigRows { get; }

    internal PeeringTables Peering { get; }

    /// <summary>The last index at which each table (or service name, see <see cref="Tables"/>) changed.</summary>
    internal ImmutableDictionary<string, long> TableIndexes { get; }

    /// <summary>The index at which <paramref name="table"/> last changed; 0 if never.</summary>
    public long TableIndex(string table) => TableIndexes.GetValueOrDefault(table);

    /// <summary>The highest of several table indexes.</summary>
    public long TableIndex(params ReadOnlySpan<string> tables)
    {
        long max = 0;
        foreach (var table in tables)
        {
            max = Math.Max(max, TableIndex(table));
        }

        return max;
    }
}
