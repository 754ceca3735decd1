namespace Parley.Mesh.Leaf;

/// <summary>What a leaf is for: a service (by name) or this datacenter's mesh gateway.</summary>
/// <param name="Kind">Empty for a service; <see cref="MeshGatewayKind"/> for the gateway.</param>
/// <param name="Service">The service name; empty for the gateway.</param>
public readonly record struct LeafKey(string Kind, string Service)
{
    /// <summary>Consul's service kind of a mesh gateway.</summary>
    public const string MeshGatewayKind = "mesh-gateway";

    /// <summary>The mesh gateway's leaf.</summary>
    public static LeafKey MeshGateway => new(MeshGatewayKind, "");

    /// <summary>A service's leaf.</summary>
    public static LeafKey ForService(string service)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        return new LeafKey("", service);
    }

    public override string ToString() => Kind.Length > 0 ? Kind : "service " + Service;
}
