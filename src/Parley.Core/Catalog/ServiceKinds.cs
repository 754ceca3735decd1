namespace Parley.Core.Catalog;

/// <summary>The values of <see cref="ServiceInstance.Kind"/> (Consul's <c>ServiceKind</c>).</summary>
public static class ServiceKinds
{
    /// <summary>An ordinary service (Consul writes the empty string).</summary>
    public const string Typical = "";

    /// <summary>A sidecar proxy in front of one service instance.</summary>
    public const string ConnectProxy = "connect-proxy";

    /// <summary>A gateway that joins datacenters, partitions and peers by SNI.</summary>
    public const string MeshGateway = "mesh-gateway";

    public const string TerminatingGateway = "terminating-gateway";

    public const string IngressGateway = "ingress-gateway";

    public const string ApiGateway = "api-gateway";

    /// <summary>The suffix of a sidecar's ID and default name: <c>&lt;parent&gt;-sidecar-proxy</c>.</summary>
    public const string SidecarSuffix = "-sidecar-proxy";

    /// <summary>True for the kinds Consul accepts on a registration.</summary>
    public static bool IsKnown(string kind) =>
        kind is Typical or ConnectProxy or MeshGateway or TerminatingGateway or IngressGateway or ApiGateway;

    /// <summary>True for the gateway kinds.</summary>
    public static bool IsGateway(string kind) => kind is MeshGateway or TerminatingGateway or IngressGateway or ApiGateway;
}
