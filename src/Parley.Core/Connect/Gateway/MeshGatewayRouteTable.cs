using Parley.Core.DiscoveryChain;

namespace Parley.Core.Connect.Gateway;

/// <summary>
/// Which SNI means what at a mesh gateway (Consul's mesh gateway listener: one filter chain per exported service whose
/// server names are one peered SNI per consumer peer, the peering server chains, and the SNI-named clusters of
/// imported services reached last). Anything not in the table is closed.
/// </summary>
/// <remarks>
/// Pure and immutable. Lookups ignore case (SNIs are DNS names). When two routes claim one name, the earlier kind
/// wins in this order: local peering servers, exported services, peer servers, imported services — so nothing a peer
/// announces can take over a name this cluster serves.
/// </remarks>
public sealed class MeshGatewayRouteTable
{
    private readonly Dictionary<string, MeshGatewayRoute> _routes;

    private MeshGatewayRouteTable(Dictionary<string, MeshGatewayRoute> routes, string trustDomain)
    {
        _routes = routes;
        TrustDomain = trustDomain;
    }

    /// <summary>A table with no routes.</summary>
    public static MeshGatewayRouteTable Empty { get; } = new(
        new Dictionary<string, MeshGatewayRoute>(StringComparer.OrdinalIgnoreCase), "");

    /// <summary>The trust domain of the cluster the table was built for.</summary>
    public string TrustDomain { get; }

    /// <summary>Every route, one per SNI.</summary>
    public IReadOnlyCollection<MeshGatewayRoute> Routes => _routes.Values;

    /// <summary>Builds the table.</summary>
    public static MeshGatewayRouteTable Build(MeshGatewayRoutingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(input.Datacenter);
        ArgumentException.ThrowIfNullOrEmpty(input.TrustDomain);
        var routes = new Dictionary<string, MeshGatewayRoute>(StringComparer.OrdinalIgnoreCase);
        void Add(MeshGatewayRoute route)
        {
            if (route.Sni.Length > 0)
            {
                routes.TryAdd(route.Sni, route);
            }
        }

        if (input.PeerThroughMeshGateways && input.HasLocalServers)
        {
            Add(new MeshGatewayRoute(MeshGatewayRouteKind.LocalPeeringServers, MeshSni.PeeringServer(input.Datacenter, input.TrustDomain)));
        }

        foreach (var export in input.Exports)
        {
            var protocol = export.Protocol.Length == 0 ? "tcp" : export.Protocol;
            var kind = DiscoveryChainCompiler.IsHttpLikeProtocol(protocol)
                ? MeshGatewayRouteKind.ExportedHttp
                : MeshGatewayRouteKind.ExportedTcp;
            foreach (var peer in export.Peers.Where(p => p.Length > 0))
            {
                var sni = MeshSni.PeeredService(export.Service, "default", "default", peer, input.TrustDomain);
                Add(new MeshGatewayRoute(kind, sni, export.Service, peer, protocol));
            }
        }

        if (input.PeerThroughMeshGateways)
        {
            foreach (var servers in input.PeerServers)
            {
                Add(new MeshGatewayRoute(MeshGatewayRouteKind.PeerServers, servers.ServerName, Peer: servers.Peer));
            }
        }

        foreach (var import in input.Imports)
        {
            Add(new MeshGatewayRoute(MeshGatewayRouteKind.Imported, import.Sni, import.Service, import.Peer));
        }

        return new MeshGatewayRouteTable(routes, input.TrustDomain);
    }

    /// <summary>The route of <paramref name="sni"/>, or null when the gateway must close the connection.</summary>
    public MeshGatewayRoute? Lookup(string? sni) =>
        sni is { Length: > 0 } && _routes.TryGetValue(sni, out var route) ? route : null;

    /// <summary>Why <paramref name="sni"/> has no route, in words for a log line.</summary>
    public string ExplainMiss(string? sni)
    {
        if (string.IsNullOrEmpty(sni))
        {
            return "the ClientHello names no server (no SNI)";
        }

        if (MeshSni.TryParsePeeredService(sni, TrustDomain, out var peered))
        {
            return $"service {peered.Service} is not exported to peer {peered.Peer}";
        }

        return $"no service, peer or server is known by the name {sni}";
    }
}
