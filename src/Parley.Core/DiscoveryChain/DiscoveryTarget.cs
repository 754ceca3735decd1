using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain;

/// <summary>
/// A set of instances the chain can send traffic to. Local: <c>[&lt;subset&gt;.]&lt;svc&gt;.&lt;ns&gt;.&lt;partition&gt;.&lt;dc&gt;</c>;
/// imported from a peer: <c>&lt;svc&gt;.&lt;ns&gt;.&lt;partition&gt;.external.&lt;peer&gt;</c> with empty SNI and Name
/// (the proxy fills them from the imported service).
/// </summary>
public sealed class DiscoveryTarget
{
    internal DiscoveryTarget(string service, string serviceSubset, string ns, string partition, string datacenter, string peer)
    {
        Service = service;
        ServiceSubset = serviceSubset;
        Namespace = ns;
        Partition = partition;
        Datacenter = datacenter;
        Peer = peer;
        Id = ChainId(service, serviceSubset, ns, partition, datacenter, peer);
    }

    public string Id { get; }

    public string Service { get; }

    public string ServiceSubset { get; }

    public string Namespace { get; }

    public string Partition { get; }

    /// <summary>Empty for peer targets.</summary>
    public string Datacenter { get; }

    /// <summary>The peer the service is imported from; empty for local targets.</summary>
    public string Peer { get; }

    public MeshGatewayConfig MeshGateway { get; internal set; } = new();

    public ServiceResolverSubset Subset { get; internal set; } = new();

    public TransparentProxyConfig TransparentProxy { get; internal set; } = new();

    public TimeSpan ConnectTimeout { get; internal set; }

    /// <summary>True when the service lives outside the mesh (service-defaults <c>ExternalSNI</c>).</summary>
    public bool External { get; internal set; }

    public string Sni { get; internal set; } = "";

    public string Name { get; internal set; } = "";

    /// <summary>Consul's target ID format.</summary>
    public static string ChainId(string service, string serviceSubset, string ns, string partition, string datacenter, string peer)
    {
        if (peer.Length > 0)
        {
            return $"{service}.{ns}.{partition}.external.{peer}";
        }

        return serviceSubset.Length == 0
            ? $"{service}.{ns}.{partition}.{datacenter}"
            : $"{serviceSubset}.{service}.{ns}.{partition}.{datacenter}";
    }

    /// <summary>Consul's connect SNI for a local target.</summary>
    public static string TargetSni(string service, string subset, string ns, string partition, string datacenter, string trustDomain)
    {
        ns = ns.Length == 0 ? "default" : ns;
        partition = partition.Length == 0 ? "default" : partition;
        var parts = new List<string>();
        if (subset.Length > 0)
        {
            parts.Add(subset);
        }

        parts.Add(service);
        parts.Add(ns);
        if (partition == "default")
        {
            parts.AddRange([datacenter, "internal", trustDomain]);
        }
        else
        {
            parts.AddRange([partition, datacenter, "internal-v1", trustDomain]);
        }

        return string.Join('.', parts);
    }
}
