using System.Globalization;
using Parley.Core.Catalog;
using Parley.Core.Connect;

namespace Parley.Core.Exports;

/// <summary>
/// The sidecar proxies an exporter invents for a connect-exported service (consul-compat 4.5.2): one per local mesh
/// gateway, carrying the gateway's addresses, so a peer dials the service through the gateway with the SNI and
/// identities in <see cref="ServiceConnect.PeerMeta"/>. The service's real sidecars never leave the cluster.
/// </summary>
/// <remarks>Pure.</remarks>
public static class SyntheticProxies
{
    /// <summary>The name the synthetic proxies of <paramref name="service"/> go under: <c>&lt;service&gt;-sidecar-proxy</c>.</summary>
    public static string Name(string service)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        return service + ServiceKinds.SidecarSuffix;
    }

    /// <summary>
    /// How a peer dials <paramref name="service"/>: the peered SNI built with this cluster's name for the peer and
    /// its own trust domain; the identities the far end may present (the service, this cluster's mesh gateway,
    /// which terminates TLS for HTTP services, and for TCP the other services the chain can land on); the protocol.
    /// </summary>
    /// <param name="service">The connect-exported service.</param>
    /// <param name="info">Its chain info.</param>
    /// <param name="peerName">This cluster's local name for the importing peering.</param>
    /// <param name="trustDomain">This cluster's trust domain.</param>
    /// <param name="datacenter">This cluster's datacenter.</param>
    public static PeeringServiceMeta PeerMeta(
        string service,
        ExportedChainInfo info,
        string peerName,
        string trustDomain,
        string datacenter)
    {
        ArgumentNullException.ThrowIfNull(info);
        var main = SpiffeId.ForService(trustDomain, datacenter, service);
        var ids = new List<string> { main, SpiffeId.ForMeshGateway(trustDomain, datacenter) };
        foreach (var target in info.TcpTargets)
        {
            var id = SpiffeId.ForService(trustDomain, datacenter, target);
            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        return new PeeringServiceMeta
        {
            SNI = [MeshSni.PeeredService(service, "default", "default", peerName, trustDomain)],
            SpiffeID = ids,
            Protocol = info.Protocol,
        };
    }

    /// <summary>
    /// The synthetic proxy standing for <paramref name="service"/> at the <paramref name="index"/>th gateway instance:
    /// kind <c>connect-proxy</c>, ID <c>&lt;service&gt;-sidecar-proxy-instance-&lt;index&gt;</c>, the gateway's node,
    /// address, tagged addresses, port, socket path and weights (a peer applies Consul's WAN address order to them,
    /// <see cref="CatalogAddresses.Best"/>), and the <paramref name="meta"/> to dial it with.
    /// </summary>
    public static ServiceInstance Instance(ServiceInstance gateway, int index, string service, PeeringServiceMeta meta)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var name = Name(service);
        var suffix = "-instance-" + index.ToString(CultureInfo.InvariantCulture);
        return new ServiceInstance
        {
            Node = gateway.Node,
            Kind = ServiceKinds.ConnectProxy,
            ID = gateway.ID.Length == 0 ? name : name + suffix,
            Service = name,
            Address = gateway.Address,
            TaggedAddresses = gateway.TaggedAddresses,
            Port = gateway.Port,
            SocketPath = gateway.SocketPath,
            Weights = gateway.Weights,
            Proxy = new ConnectProxyConfig { DestinationServiceName = service, DestinationServiceID = service + suffix },
            Connect = new ServiceConnect { PeerMeta = meta },
        };
    }
}
