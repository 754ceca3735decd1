using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Parley.Core.Catalog;

namespace Parley.State.Store;

public sealed partial class StateSnapshot
{
    /// <summary>All nodes of one peer ("" = local), ordered by name.</summary>
    public IEnumerable<Node> Nodes(string peer = "") => RowsWithPrefix(NodeRows, Keys.PeerPrefix(peer));

    public Node? GetNode(string name, string peer = "") => NodeRows.GetValueOrDefault(Keys.Node(peer, name));

    /// <summary>Service instances registered on one node, ordered by id.</summary>
    public IEnumerable<ServiceInstance> NodeServices(string node, string peer = "") =>
        ServiceRows.TryGetValue(Keys.Node(peer, node), out var rows) ? rows.Values : [];

    public ServiceInstance? GetService(string node, string serviceId, string peer = "") =>
        ServiceRows.TryGetValue(Keys.Node(peer, node), out var rows) ? rows.GetValueOrDefault(serviceId) : null;

    /// <summary>All checks on one node: node checks and the checks of its services, ordered by id.</summary>
    public IEnumerable<HealthCheck> NodeChecks(string node, string peer = "") =>
        CheckRows.TryGetValue(Keys.Node(peer, node), out var rows) ? rows.Values : [];

    /// <summary>
    /// The checks of one service instance, ordered by id; for an empty <paramref name="serviceId"/>, the node's own checks
    /// (those of no service). Looks only at those checks, however many the node carries.
    /// </summary>
    public IReadOnlyList<HealthCheck> InstanceChecks(string node, string serviceId, string peer = "")
    {
        var checks = new List<HealthCheck>();
        AddChecks(checks, Keys.Node(peer, node), serviceId);
        return checks;
    }

    public HealthCheck? GetCheck(string node, string checkId, string peer = "") =>
        CheckRows.TryGetValue(Keys.Node(peer, node), out var rows) ? rows.GetValueOrDefault(checkId) : null;

    /// <summary>Every check of one peer ("" = local), ordered by node then id.</summary>
    public IEnumerable<HealthCheck> Checks(string peer = "") =>
        RowsWithPrefix(NodeRows, Keys.PeerPrefix(peer)).SelectMany(n => NodeChecks(n.Name, peer));

    /// <summary>Every service instance of one peer ("" = local), ordered by node then id.</summary>
    public IEnumerable<ServiceInstance> Services(string peer = "") =>
        RowsWithPrefix(NodeRows, Keys.PeerPrefix(peer)).SelectMany(n => NodeServices(n.Name, peer));

    /// <summary>Instances of one service name, ordered by node then id.</summary>
    public IEnumerable<ServiceInstance> ServiceInstances(string name, string peer = "") => Instances(ServiceRefs(name, peer));

    /// <summary>Instances of one non-typical kind (<c>mesh-gateway</c>, <c>connect-proxy</c>, ...), ordered by node then id.</summary>
    public IEnumerable<ServiceInstance> ServiceInstancesOfKind(string kind, string peer = "") => Instances(KindRefs(kind, peer));

    /// <summary>
    /// The names of all services of one peer, in ordinal order, each with the sorted union of its instances' tags.
    /// </summary>
    /// <remarks>
    /// Clients poll this list (Consul's UI, Prometheus' service discovery, a peer's importer being watched), and at
    /// 10 000 services a sorted tree of sorted sets cost tens of milliseconds per read: names are gathered in a hash
    /// map and sorted once, and tags sorted only for the names that have any.
    /// </remarks>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ServiceNames(string peer = "")
    {
        // Order does not matter until the end, so walk the instances as stored, not node by node through the node table.
        var prefix = Keys.PeerPrefix(peer);
        var tagsByName = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
        foreach (var (nodeKey, rows) in ServiceRows)
        {
            if (!nodeKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (_, service) in rows)
            {
                ref var tags = ref CollectionsMarshal.GetValueRefOrAddDefault(tagsByName, service.Service, out _);
                if (service.Tags.Count > 0)
                {
                    (tags ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(service.Tags);
                }
            }
        }

        var names = tagsByName.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        var result = new OrderedDictionary<string, IReadOnlyList<string>>(names.Length, StringComparer.Ordinal);
        foreach (var name in names)
        {
            result.Add(name, tagsByName[name] is { } tags ? tags.Order(StringComparer.Ordinal).ToArray() : []);
        }

        return result;
    }

    /// <summary>The peers that have imported data in the catalog.</summary>
    public IEnumerable<string> PeersWithData() =>
        NodeRows.Values.Select(n => n.PeerName).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Instances of a service with their node and every check that applies to them (node checks first),
    /// the shape of <c>/v1/health/service/:name</c>.
    /// </summary>
    public IEnumerable<CheckServiceNode> CheckServiceNodes(string name, string peer = "") => WithNodesAndChecks(ServiceRefs(name, peer));

    /// <summary>
    /// Instances of one non-typical kind with their node and checks (Consul's <c>ServiceDump</c> by kind), ordered by
    /// node then id; its index is <see cref="ServiceKindIndex"/>.
    /// </summary>
    public IEnumerable<CheckServiceNode> CheckServiceNodesOfKind(string kind, string peer = "") => WithNodesAndChecks(KindRefs(kind, peer));

    /// <summary>
    /// An object that stays the same while the set of instances of one service name does, and that a restored state
    /// never shares with an earlier one; with <see cref="ServiceIndex"/>, what tells a cached answer for the service is
    /// still current. Null when the name has no instances.
    /// </summary>
    public object? ServiceRowsVersion(string name, string peer = "") => ServicesByName.GetValueOrDefault(Keys.ServiceName(peer, name));

    /// <summary>The index a read of one service name (catalog or health) reports and blocks on.</summary>
    public long ServiceIndex(string name, string peer = "") => TableIndex(Tables.Service(peer, name));

    /// <summary>The index a read of every instance of one non-typical kind reports and blocks on.</summary>
    public long ServiceKindIndex(string kind, string peer = "") => TableIndex(Tables.ServiceKind(peer, kind));

    private ImmutableSortedSet<ServiceRef> ServiceRefs(string name, string peer) =>
        ServicesByName.GetValueOrDefault(Keys.ServiceName(peer, name)) ?? [];

    private ImmutableSortedSet<ServiceRef> KindRefs(string kind, string peer)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        return ServicesByKind.GetValueOrDefault(Keys.ServiceKind(peer, kind)) ?? [];
    }

    private IEnumerable<ServiceInstance> Instances(ImmutableSortedSet<ServiceRef> refs)
    {
        foreach (var r in refs)
        {
            yield return ServiceRows[r.NodeKey][r.ServiceId];
        }
    }

    private IEnumerable<CheckServiceNode> WithNodesAndChecks(ImmutableSortedSet<ServiceRef> refs)
    {
        foreach (var r in refs)
        {
            if (!NodeRows.TryGetValue(r.NodeKey, out var node))
            {
                continue;
            }

            // Node checks first, then the instance's own, each through the index: a node may carry hundreds of checks.
            var checks = new List<HealthCheck>();
            AddChecks(checks, r.NodeKey, "");
            AddChecks(checks, r.NodeKey, r.ServiceId);
            yield return new CheckServiceNode(node, ServiceRows[r.NodeKey][r.ServiceId], checks);
        }
    }

    private void AddChecks(List<HealthCheck> into, string nodeKey, string serviceId)
    {
        if (ChecksByOwner.TryGetValue(new ServiceRef(nodeKey, serviceId), out var ids))
        {
            var rows = CheckRows[nodeKey];
            foreach (var id in ids)
            {
                into.Add(rows[id]);
            }
        }
    }

    private static IEnumerable<T> RowsWithPrefix<T>(ImmutableSortedDictionary<string, T> rows, string prefix)
    {
        // The dictionary is sorted, so a prefix's rows are contiguous: stop at the first key past it.
        var inRange = false;
        foreach (var (key, value) in rows)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                inRange = true;
                yield return value;
            }
            else if (inRange)
            {
                yield break;
            }
        }
    }
}

/// <summary>A service instance with its node and checks.</summary>
public sealed record CheckServiceNode(Node Node, ServiceInstance Service, IReadOnlyList<HealthCheck> Checks);
