using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Parley.Core.Acl;
using Parley.Core.Catalog;
using Parley.Core.Kv;
using Parley.Core.PreparedQueries;

namespace Parley.State.Store;

/// <summary>
/// The on-disk form of a whole snapshot: every row with its indexes, and the table indexes. Secondary
/// indexes are rebuilt on restore, so they never need a format of their own.
/// </summary>
internal sealed record SnapshotDocument
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public long Index { get; init; }
    public IReadOnlyList<Node> Nodes { get; init; } = [];
    public IReadOnlyList<ServiceInstance> Services { get; init; } = [];
    public IReadOnlyList<HealthCheck> Checks { get; init; } = [];
    public IReadOnlyList<ConfigEntryRow> ConfigEntries { get; init; } = [];
    public IReadOnlyDictionary<string, long> TableIndexes { get; init; } = new Dictionary<string, long>();
    public IReadOnlyList<Peering.PeeringRecord> Peerings { get; init; } = [];
    public IReadOnlyList<Peering.PeeringSecrets> PeeringSecrets { get; init; } = [];
    public IReadOnlyList<Peering.TrustBundle> TrustBundles { get; init; } = [];
    public IReadOnlyDictionary<string, SystemValue> System { get; init; } = new Dictionary<string, SystemValue>();
    public IReadOnlyList<AclToken> AclTokens { get; init; } = [];
    public IReadOnlyList<AclPolicy> AclPolicies { get; init; } = [];
    public IReadOnlyList<AclRole> AclRoles { get; init; } = [];
    public long AclBootstrapIndex { get; init; }
    public IReadOnlyList<KvEntry> Kv { get; init; } = [];
    public IReadOnlyDictionary<string, long> KvTombstones { get; init; } = new Dictionary<string, long>();
    public IReadOnlyList<Session> Sessions { get; init; } = [];
    public IReadOnlyDictionary<string, DateTimeOffset> KvLockDelays { get; init; } = new Dictionary<string, DateTimeOffset>();
    public IReadOnlyList<PreparedQuery> PreparedQueries { get; init; } = [];

    public static SnapshotDocument From(StateSnapshot s) => new()
    {
        Index = s.Index,
        Nodes = [.. s.NodeRows.Values],
        Services = [.. s.ServiceRows.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.Values)],
        Checks = [.. s.CheckRows.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.Values)],
        ConfigEntries = [.. s.ConfigRows.Values.Select(e => new ConfigEntryRow(e.Kind, e.Name, e.Body, e.CreateIndex, e.ModifyIndex))],
        TableIndexes = s.TableIndexes.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(),
        Peerings = [.. s.Peering.Peerings.Values],
        PeeringSecrets = [.. s.Peering.Secrets.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value)],
        TrustBundles = [.. s.Peering.TrustBundles.Values],
        System = s.Peering.System.ToDictionary(StringComparer.Ordinal),
        AclTokens = [.. s.Acl.Tokens.Values],
        AclPolicies = [.. s.Acl.Policies.Values],
        AclRoles = [.. s.Acl.Roles.Values],
        AclBootstrapIndex = s.Acl.BootstrapIndex,
        Kv = [.. s.Kv.EntryKeys.Select(k => s.Kv.Entries[k])],
        KvTombstones = s.Kv.TombstoneKeys.ToDictionary(k => k, k => s.Kv.Tombstones[k], StringComparer.Ordinal),
        Sessions = [.. s.Kv.Sessions.Values],
        KvLockDelays = s.Kv.LockDelays.ToDictionary(StringComparer.Ordinal),
        PreparedQueries = [.. s.QueryRows.Values],
    };

    public StateSnapshot ToSnapshot()
    {
        var nodes = ImmutableSortedDictionary.CreateBuilder<string, Node>(StringComparer.Ordinal);
        foreach (var node in Nodes)
        {
            nodes[Keys.Node(node.PeerName, node.Name)] = node;
        }

        var services = ImmutableDictionary.CreateBuilder<string, ImmutableSortedDictionary<string, ServiceInstance>>(
            StringComparer.Ordinal);
        var byName = ImmutableDictionary.CreateBuilder<string, ImmutableSortedSet<ServiceRef>>(StringComparer.Ordinal);
        var byKind = ImmutableDictionary.CreateBuilder<string, ImmutableSortedSet<ServiceRef>>(StringComparer.Ordinal);
        foreach (var group in Services.GroupBy(s => Keys.Node(s.PeerName, s.Node), StringComparer.Ordinal))
        {
            services[group.Key] = group.ToImmutableSortedDictionary(s => s.ID, s => s, StringComparer.Ordinal);
            foreach (var service in group)
            {
                var nameKey = Keys.ServiceName(service.PeerName, service.Service);
                byName[nameKey] = (byName.GetValueOrDefault(nameKey) ?? []).Add(new ServiceRef(group.Key, service.ID));
                if (service.Kind.Length > 0)
                {
                    var kindKey = Keys.ServiceKind(service.PeerName, service.Kind);
                    byKind[kindKey] = (byKind.GetValueOrDefault(kindKey) ?? []).Add(new ServiceRef(group.Key, service.ID));
                }
            }
        }

        var checks = ImmutableDictionary.CreateBuilder<string, ImmutableSortedDictionary<string, HealthCheck>>(StringComparer.Ordinal);
        var byOwner = ImmutableDictionary.CreateBuilder<ServiceRef, ImmutableSortedSet<string>>();
        foreach (var group in Checks.GroupBy(c => Keys.Node(c.PeerName, c.Node), StringComparer.Ordinal))
        {
            checks[group.Key] = group.ToImmutableSortedDictionary(c => c.CheckID, c => c, StringComparer.Ordinal);
            foreach (var owned in group.GroupBy(c => c.ServiceID, StringComparer.Ordinal))
            {
                byOwner[new ServiceRef(group.Key, owned.Key)] = owned.Select(c => c.CheckID).ToImmutableSortedSet(StringComparer.Ordinal);
            }
        }

        var config = ImmutableSortedDictionary.CreateBuilder<string, StoredConfigEntry>(StringComparer.Ordinal);
        foreach (var row in ConfigEntries)
        {
            config[Keys.ConfigEntry(row.Kind, row.Name)] =
                new StoredConfigEntry(row.Kind, row.Name, row.Body, row.CreateIndex, row.ModifyIndex);
        }

        return new StateSnapshot(
            Index, nodes.ToImmutable(), services.ToImmutable(), checks.ToImmutable(), byOwner.ToImmutable(), byName.ToImmutable(),
            byKind.ToImmutable(), config.ToImmutable(),
            TableIndexes.ToImmutableDictionary(StringComparer.Ordinal),
            new PeeringTables(
                Peerings.ToImmutableSortedDictionary(p => p.ID, p => p, StringComparer.Ordinal),
                Peerings.ToImmutableDictionary(p => p.Name.ToLowerInvariant(), p => p.ID, StringComparer.Ordinal),
                PeeringSecrets.ToImmutableDictionary(p => p.PeeringID, p => p, StringComparer.Ordinal),
                TrustBundles.ToImmutableSortedDictionary(b => b.PeerName, b => b, StringComparer.Ordinal),
                System.ToImmutableSortedDictionary(StringComparer.Ordinal)))
        {
            Acl = AclTables.From(AclTokens, AclPolicies, AclRoles, AclBootstrapIndex),
            Kv = KvFromRows(),
            QueryRows = PreparedQueries.ToImmutableSortedDictionary(q => q.ID, q => q, StringComparer.Ordinal),
        };
    }

    // The keys each session holds are a secondary index: rebuilt from the entries, never stored.
    private KvTables KvFromRows() => new(
        Kv.ToImmutableDictionary(e => e.Key, e => e, StringComparer.Ordinal),
        Kv.Select(e => e.Key).ToImmutableSortedSet(StringComparer.Ordinal),
        KvTombstones.ToImmutableDictionary(StringComparer.Ordinal),
        KvTombstones.Keys.ToImmutableSortedSet(StringComparer.Ordinal),
        Sessions.ToImmutableSortedDictionary(s => s.ID, s => s, StringComparer.Ordinal),
        Kv.Where(e => e.Session.Length > 0)
            .GroupBy(e => e.Session, StringComparer.Ordinal)
            .ToImmutableDictionary(
                g => g.Key, g => g.Select(e => e.Key).ToImmutableSortedSet(StringComparer.Ordinal), StringComparer.Ordinal),
        KvLockDelays.ToImmutableSortedDictionary(StringComparer.Ordinal));
}

/// <summary>A config entry row in a snapshot document.</summary>
internal sealed record ConfigEntryRow(string Kind, string Name, JsonObject Body, long CreateIndex, long ModifyIndex);
