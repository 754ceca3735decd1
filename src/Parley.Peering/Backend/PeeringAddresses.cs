using Parley.Core.Catalog;
using Parley.Core.ConfigEntries;
using Parley.State.Store;

namespace Parley.Peering.Backend;

/// <summary>
/// Where the peering control plane goes: the addresses this cluster advertises to a peer (token
/// <c>ServerAddresses</c>, pushed <c>PeeringServerAddresses</c>) and the addresses its dialer tries. With the
/// <c>mesh</c> entry's <c>Peering.PeerThroughMeshGateways</c> both go through the local mesh gateways, which pass the
/// TLS session through on its SNI (<c>server.&lt;dc&gt;.peering.&lt;td&gt;</c>) untouched (consul-mesh §4).
/// </summary>
public static class PeeringAddresses
{
    /// <summary>Consul's error when peering goes through mesh gateways and none is registered.</summary>
    public const string NoMeshGateways = "servers are configured to PeerThroughMeshGateways, but no mesh gateway instances are registered";

    /// <summary>Consul's error when no server has a gRPC port.</summary>
    public const string NoGrpcPort = "a grpc bind port must be specified in the configuration for all servers";

    /// <summary>Whether the <c>mesh</c> entry sends peering control-plane traffic through mesh gateways.</summary>
    public static bool PeerThroughMeshGateways(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new SnapshotConfigLookup(snapshot).Get(ConfigEntryKinds.Mesh, ConfigEntryKinds.MeshName) is MeshConfigEntry
        {
            Peering.PeerThroughMeshGateways: true,
        };
    }

    /// <summary>
    /// What this cluster advertises to a peer (Consul's <c>GetLocalServerAddresses</c>): the local mesh gateways' WAN
    /// addresses when peering goes through them, else every server's gRPC TLS address; with the reason when empty.
    /// </summary>
    public static (IReadOnlyList<string> Addresses, string? Error) Advertised(StateSnapshot snapshot)
    {
        if (PeerThroughMeshGateways(snapshot))
        {
            var gateways = MeshGatewayAddresses(snapshot, wan: true);
            return (gateways, gateways.Count == 0 ? NoMeshGateways : null);
        }

        var servers = ServerAddresses(snapshot);
        return (servers, servers.Count == 0 ? NoGrpcPort : null);
    }

    /// <summary>
    /// The index <see cref="Advertised"/> depends on: the servers, the mesh entry, and (through it) the gateways. The
    /// exporter recomputes the pushed addresses only when it moves.
    /// </summary>
    public static (long Servers, long Config, long Gateways) AdvertisedIndex(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return (
            snapshot.ServiceIndex("consul"),
            snapshot.TableIndex(Tables.ConfigKind(ConfigEntryKinds.Mesh)),
            snapshot.ServiceKindIndex(ServiceKinds.MeshGateway));
    }

    /// <summary>
    /// The addresses to dial a peer at, in order (Consul's <c>GetDialAddresses</c>): when peering goes through mesh
    /// gateways, the local gateways' LAN addresses first (they forward the TLS session by its SNI, the peer's server
    /// name), then the peer's own (manual addresses, else the ones it advertised).
    /// </summary>
    public static IReadOnlyList<string> Dial(StateSnapshot snapshot, IReadOnlyList<string> peerAddresses)
    {
        ArgumentNullException.ThrowIfNull(peerAddresses);
        var gateways = LocalGateways(snapshot);
        return gateways.Count == 0
            ? peerAddresses
            : [.. gateways, .. peerAddresses.Where(a => !gateways.Contains(a, StringComparer.OrdinalIgnoreCase))];
    }

    /// <summary>The local gateways' LAN addresses when peering goes through them; empty otherwise.</summary>
    public static IReadOnlyList<string> LocalGateways(StateSnapshot snapshot) =>
        PeerThroughMeshGateways(snapshot) ? MeshGatewayAddresses(snapshot, wan: false) : [];

    /// <summary>Every local mesh gateway's address (Consul's <c>BestAddress</c>, WAN or LAN), distinct, in catalog order.</summary>
    public static IReadOnlyList<string> MeshGatewayAddresses(StateSnapshot snapshot, bool wan)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var addresses = new List<string>();
        foreach (var row in snapshot.CheckServiceNodesOfKind(ServiceKinds.MeshGateway))
        {
            var (address, port) = CatalogAddresses.Best(row.Node, row.Service, wan);
            var formatted = CatalogAddresses.Format(address, port);
            if (address.Length > 0 && port > 0 && !addresses.Contains(formatted, StringComparer.OrdinalIgnoreCase))
            {
                addresses.Add(formatted);
            }
        }

        return addresses;
    }

    /// <summary>
    /// The gRPC TLS addresses of every server, from the <c>consul</c> service: the node's WAN address if tagged,
    /// else its address; the port from the <c>grpc_tls_port</c> meta, else <c>grpc_port</c>.
    /// </summary>
    public static IReadOnlyList<string> ServerAddresses(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var addresses = new List<string>();
        foreach (var row in snapshot.CheckServiceNodes("consul"))
        {
            if (GrpcAddress(row) is { } address)
            {
                addresses.Add(address);
            }
        }

        return addresses;
    }

    /// <summary>A server's gRPC TLS address as tokens list it, or null when it has no gRPC port.</summary>
    internal static string? GrpcAddress(CheckServiceNode row)
    {
        var host = row.Node.TaggedAddresses.TryGetValue(CatalogAddresses.Wan, out var wan) && wan.Length > 0 ? wan : row.Node.Address;
        var port = Port(row.Service.Meta, "grpc_tls_port") is > 0 and var tls ? tls : Port(row.Service.Meta, "grpc_port");
        return port <= 0 ? null : CatalogAddresses.Format(host, port);
    }

    private static int Port(IReadOnlyDictionary<string, string> meta, string key) =>
        meta.TryGetValue(key, out var value) && int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? port
            : 0;
}
