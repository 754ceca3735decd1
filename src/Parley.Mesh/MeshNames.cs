namespace Parley.Mesh;

/// <summary>The names the mesh derives from the cluster id and datacenter.</summary>
public static class MeshNames
{
    /// <summary>The trust domain of a cluster: <c>&lt;cluster-id&gt;.consul</c>.</summary>
    public static string TrustDomain(string clusterId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        return $"{clusterId}.consul";
    }

    /// <summary>The cluster id inside a trust domain (the part before <c>.consul</c>); Consul's <c>ExternalTrustDomain</c>.</summary>
    public static string ClusterIdOf(string trustDomain)
    {
        ArgumentNullException.ThrowIfNull(trustDomain);
        return trustDomain.EndsWith(".consul", StringComparison.Ordinal) ? trustDomain[..^".consul".Length] : trustDomain;
    }

    /// <summary>
    /// The name the peering TLS listener presents and dialers verify:
    /// <c>server.&lt;dc&gt;.peering.&lt;trust-domain&gt;</c>.
    /// </summary>
    public static string PeeringServerName(string datacenter, string trustDomain)
        => Core.Connect.MeshSni.PeeringServer(datacenter, trustDomain);
}
