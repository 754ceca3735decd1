namespace Parley.Mesh;

/// <summary>SPIFFE identities as Consul writes them (default partition, community edition).</summary>
/// <remarks>Strings rather than <see cref="Uri"/>: <see cref="Uri"/> would add a trailing slash to the signing ID.</remarks>
public static class SpiffeIds
{
    /// <summary>The CA's own identity: <c>spiffe://&lt;trust-domain&gt;</c> (no trailing slash).</summary>
    public static string Signing(string trustDomain)
    {
        ArgumentException.ThrowIfNullOrEmpty(trustDomain);
        return $"spiffe://{trustDomain}";
    }

    /// <summary>
    /// A service identity: <c>spiffe://&lt;td&gt;/ns/&lt;ns&gt;/dc/&lt;dc&gt;/svc/&lt;service&gt;</c>, the name escaped as Go's URL path.
    /// </summary>
    public static string Service(string trustDomain, string datacenter, string service, string ns = "default")
    {
        ArgumentException.ThrowIfNullOrEmpty(trustDomain);
        ArgumentException.ThrowIfNullOrEmpty(datacenter);
        ArgumentException.ThrowIfNullOrEmpty(service);
        return $"spiffe://{trustDomain}/ns/{ns}/dc/{datacenter}/svc/{Parley.Core.Connect.SpiffeId.EscapePath(service)}";
    }

    /// <summary>A mesh gateway identity: <c>spiffe://&lt;td&gt;/gateway/mesh/dc/&lt;dc&gt;</c>.</summary>
    public static string MeshGateway(string trustDomain, string datacenter)
    {
        ArgumentException.ThrowIfNullOrEmpty(trustDomain);
        ArgumentException.ThrowIfNullOrEmpty(datacenter);
        return $"spiffe://{trustDomain}/gateway/mesh/dc/{datacenter}";
    }
}
