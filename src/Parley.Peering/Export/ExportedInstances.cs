using Parley.Core.Catalog;
using Parley.State.Store;

namespace Parley.Peering.Export;

/// <summary>
/// What an exporter sends for one service: its local instances as a peer should see them. Only typical instances
/// leave (no proxies, gateways or <c>-sidecar-proxy</c> names); <c>Connect</c> and <c>Proxy</c> blocks and the
/// <c>consul-virtual</c> tagged address are stripped; the checks become one <c>overall-check</c>.
/// </summary>
public static class ExportedInstances
{
    /// <summary>The name of the one check an exported instance carries.</summary>
    public const string OverallCheckName = "overall-check";

    /// <summary>The node check that puts a whole node in maintenance.</summary>
    public const string NodeMaintenanceCheckId = "_node_maintenance";

    /// <summary>The prefix of the check that puts one service instance in maintenance.</summary>
    public const string ServiceMaintenanceCheckPrefix = "_service_maintenance:";

    private const string SidecarSuffix = "-sidecar-proxy";
    private const string VirtualTaggedAddress = "consul-virtual";

    /// <summary>The instances of local service <paramref name="serviceName"/> to export, sorted by node then ID.</summary>
    public static IReadOnlyList<V1.CheckServiceNode> For(StateSnapshot snapshot, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (serviceName.EndsWith(SidecarSuffix, StringComparison.Ordinal))
        {
            return [];
        }

        return snapshot.CheckServiceNodes(serviceName)
            .Where(row => row.Service.Kind.Length == 0 && row.Service.PeerName.Length == 0)
            .OrderBy(row => row.Node.Name, StringComparer.Ordinal)
            .ThenBy(row => row.Service.ID, StringComparer.Ordinal)
            .Select(row => ToProto(row.Node, row.Service, row.Checks))
            .ToList();
    }

    /// <summary>One instance as exported: indexes and mesh blocks dropped, checks flattened.</summary>
    public static V1.CheckServiceNode ToProto(Node node, ServiceInstance service, IReadOnlyList<HealthCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(service);
        var exported = service with
        {
            Proxy = null,
            Connect = null,
            PeerName = "",
            TaggedAddresses = service.TaggedAddresses.ContainsKey(VirtualTaggedAddress)
                ? service.TaggedAddresses.Where(a => a.Key != VirtualTaggedAddress)
                    .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal)
                : service.TaggedAddresses,
        };
        var overall = Flatten(node.Name, service, checks);
        return CatalogProtoMapper.ToProto(node with { PeerName = "" }, exported, overall is null ? [] : [overall]);
    }

    /// <summary>
    /// The single check that stands for all of an instance's checks (node checks included): <c>maintenance</c> if a
    /// maintenance check is present, else the worst status. Null when the instance has no checks.
    /// </summary>
    public static HealthCheck? Flatten(string nodeName, ServiceInstance service, IReadOnlyList<HealthCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(checks);
        if (checks.Count == 0)
        {
            return null;
        }

        var status = HealthStatus.Passing;
        foreach (var check in checks)
        {
            if (check.CheckID == NodeMaintenanceCheckId
                || check.CheckID.StartsWith(ServiceMaintenanceCheckPrefix, StringComparison.Ordinal))
            {
                status = HealthStatus.Maintenance;
                break;
            }

            status = HealthStatus.Worst(status, check.Status);
        }

        return new HealthCheck
        {
            Node = nodeName,
            CheckID = service.ID + ":" + OverallCheckName,
            Name = OverallCheckName,
            Status = status,
            ServiceID = service.ID,
            ServiceName = service.Service,
        };
    }
}
