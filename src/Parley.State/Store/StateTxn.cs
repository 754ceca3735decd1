using System.Collections.Immutable;
using Parley.Core.Catalog;

namespace Parley.State.Store;

/// <summary>
/// A write transaction over one snapshot: mutations go to builders and become the next snapshot on
/// <see cref="Commit"/>. Every row written gets the transaction's index. Used only by the FSM, one at a time.
/// </summary>
internal sealed partial class StateTxn
{
    private readonly long _index;
    private readonly ImmutableSortedDictionary<string, Node>.Builder _nodes;
    private readonly ImmutableDictionary<string, ImmutableSortedDictionary<string, ServiceInstance>>.Builder _services;
    private readonly ImmutableDictionary<string, ImmutableSortedDictionary<string, HealthCheck>>.Builder _checks;
    private readonly ImmutableDictionary<ServiceRef, ImmutableSortedSet<string>>.Builder _checksByOwner;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<ServiceRef>>.Builder _servicesByName;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<ServiceRef>>.Builder _servicesByKind;
    private readonly ImmutableSortedDictionary<string, StoredConfigEntry>.Builder _config;
    private readonly ImmutableDictionary<string, long>.Builder _tableIndexes;
    private readonly ImmutableSortedDictionary<string, Peering.PeeringRecord>.Builder _peerings;
    private readonly ImmutableDictionary<string, string>.Builder _peeringIds;
    private readonly ImmutableDictionary<string, Peering.PeeringSecrets>.Builder _secrets;
    private readonly ImmutableSortedDictionary<string, Peering.TrustBundle>.Builder _bundles;
    private readonly ImmutableSortedDictionary<string, SystemValue>.Builder _system;
    private readonly ImmutableDictionary<string, Core.Kv.KvEntry>.Builder _kv;
    private readonly ImmutableSortedSet<string>.Builder _kvKeys;
    private readonly ImmutableDictionary<string, long>.Builder _tombstones;
    private readonly ImmutableSortedSet<string>.Builder _tombstoneKeys;
    private readonly ImmutableSortedDictionary<string, Core.Kv.Session>.Builder _sessions;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder _keysBySession;
    private readonly ImmutableSortedDictionary<string, DateTimeOffset>.Builder _lockDelays;
    private readonly ImmutableSortedDictionary<string, Core.PreparedQueries.PreparedQuery>.Builder _queries;
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    public StateTxn(StateSnapshot from, long index)
    {
        _index = index;
        _nodes = from.NodeRows.ToBuilder();
        _services = from.ServiceRows.ToBuilder();
        _checks = from.CheckRows.ToBuilder();
        _checksByOwner = from.ChecksByOwner.ToBuilder();
        _servicesByName = from.ServicesByName.ToBuilder();
        _servicesByKind = from.ServicesByKind.ToBuilder();
        _config = from.ConfigRows.ToBuilder();
        _tableIndexes = from.TableIndexes.ToBuilder();
        _peerings = from.Peering.Peerings.ToBuilder();
        _peeringIds = from.Peering.IdsByName.ToBuilder();
        _secrets = from.Peering.Secrets.ToBuilder();
        _bundles = from.Peering.TrustBundles.ToBuilder();
        _system = from.Peering.System.ToBuilder();
        _acl = from.Acl;
        _kv = from.Kv.Entries.ToBuilder();
        _kvKeys = from.Kv.EntryKeys.ToBuilder();
        _tombstones = from.Kv.Tombstones.ToBuilder();
        _tombstoneKeys = from.Kv.TombstoneKeys.ToBuilder();
        _sessions = from.Kv.Sessions.ToBuilder();
        _keysBySession = from.Kv.KeysBySession.ToBuilder();
        _lockDelays = from.Kv.LockDelays.ToBuilder();
        _queries = from.QueryRows.ToBuilder();
    }

    public long Index => _index;

    public StateSnapshot Commit() =>
        new(_index, _nodes.ToImmutable(), _services.ToImmutable(), _checks.ToImmutable(), _checksByOwner.ToImmutable(),
            _servicesByName.ToImmutable(), _servicesByKind.ToImmutable(), _config.ToImmutable(), _tableIndexes.ToImmutable(),
            new PeeringTables(
                _peerings.ToImmutable(),
                _peeringIds.ToImmutable(),
                _secrets.ToImmutable(),
                _bundles.ToImmutable(),
                _system.ToImmutable()))
        {
            Acl = _acl,
            Kv = new KvTables(_kv.ToImmutable(), _kvKeys.ToImmutable(), _tombstones.ToImmutable(), _tombstoneKeys.ToImmutable(),
                _sessions.ToImmutable(), _keysBySession.ToImmutable(), _lockDelays.ToImmutable()),
            QueryRows = _queries.ToImmutable(),
        };

    /// <summary>The table indexes this transaction moved: what <see cref="StateStore.TryGetChanges"/> reports for it.</summary>
    public IReadOnlyCollection<string> Touched => _touched;

    private void Touch(string table)
    {
        _tableIndexes[table] = _index;
        _touched.Add(table);
    }
}
