using Parley.Core.Catalog;
using Parley.Core.Exports;
using Parley.State.Store;

namespace Parley.Peering.Export;

/// <summary>
/// The mesh half of what an exporter sends (consul-compat 4.5.2), read from a snapshot: which exported services are
/// connect-exported, and the synthetic sidecar proxies that point a peer at this cluster's mesh gateways.
/// </summary>
public static class MeshExports
{
    /// <summary>The connect-exported names among <paramref name="exportedNames"/>, with their chain info.</summary>
    public static IReadOnlyDictionary<string, ExportedChainInfo> ConnectExported(
        StateSnapshot snapshot, IReadOnlyList<string> exportedNames, string datacenter, string trustDomain)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(exportedNames);
        return ConnectExports.For(
            exportedNames,
            MeshEnabled(snapshot, exportedNames),
            new SnapshotConfigLookup(snapshot),
            datacenter,
            trustDomain);
    }

    /// <summary>
    /// The names among <paramref name="names"/> that a local <c>connect-proxy</c> fronts (by its
    /// <c>DestinationServiceName</c>, whatever the proxy is called) or that have a connect-native instance.
    /// </summary>
    public static IReadOnlySet<string> MeshEnabled(StateSnapshot snapshot, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(names);
        var fronted = snapshot.ServiceInstancesOfKind(ServiceKinds.ConnectProxy)
            .Select(p => p.Proxy?.DestinationServiceName ?? "")
            .Where(n => n.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (fronted.Contains(name) || snapshot.ServiceInstances(name).Any(i => i.Connect?.Native == true))
            {
                result.Add(name);
            }
        }

        return result;
    }

    /// <summary>
    /// The synthetic proxies of <paramref name="service"/>: one per local mesh-gateway instance (sorted by node then
    /// ID, which numbers them), with the gateway's node and its checks flattened to one <c>overall-check</c>. Empty
    /// when no gateway is registered: a peer then has no way in, and drops the proxies it had.
    /// </summary>
    public static IReadOnlyList<V1.CheckServiceNode> SyntheticProxyNodes(
        StateSnapshot snapshot,
        string service,
        Core.Connect.PeeringServiceMeta meta)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var gateways = LocalMeshGateways(snapshot);
        var nodes = new List<V1.CheckServiceNode>(gateways.Count);
        for (var i = 0; i < gateways.Count; i++)
        {
            var (node, gateway, checks) = gateways[i];
            var proxy = SyntheticProxies.Instance(gateway, i, service, meta);
            var overall = ExportedInstances.Flatten(node.Name, proxy, checks);
            nodes.Add(CatalogProtoMapper.ToProto(node with { PeerName = "" }, proxy, overall is null ? [] : [overall]));
        }

        return nodes;
    }

    /// <summary>This cluster's mesh-gateway instances with their nodes and checks, sorted by node then ID.</summary>
    public static IReadOnlyList<CheckServiceNode> LocalMeshGateways(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. snapshot.CheckServiceNodesOfKind(ServiceKinds.MeshGateway)
            .OrderBy(row => row.Node.Name, StringComparer.Ordinal)
            .ThenBy(row => row.Service.ID, StringComparer.Ordinal)];
    }
}
