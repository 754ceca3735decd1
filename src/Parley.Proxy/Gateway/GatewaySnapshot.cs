using Parley.Core.Connect.Gateway;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Gateway;

/// <summary>
/// Everything a mesh gateway's data plane needs at one moment (Consul's proxycfg snapshot of kind <c>mesh-gateway</c>):
/// where it listens, the leaf it presents where it terminates TLS, and what each SNI it serves means and where it leads.
/// </summary>
/// <remarks>Immutable; connections read the snapshot current at their ClientHello, HTTP requests the one current at the request.</remarks>
public sealed record GatewaySnapshot
{
    private readonly Dictionary<string, GatewayRouteSnapshot> _routes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The gateway's registration ID.</summary>
    public required string ServiceId { get; init; }

    /// <summary>The gateway's service name (<c>mesh-gateway</c> by default).</summary>
    public required string Service { get; init; }

    /// <summary>This cluster's datacenter.</summary>
    public required string Datacenter { get; init; }

    /// <summary>This cluster's trust domain.</summary>
    public required string TrustDomain { get; init; }

    /// <summary>
    /// The gateway's leaf (<c>spiffe://&lt;td&gt;/gateway/mesh/dc/&lt;dc&gt;</c>); until it is known no route terminates TLS.
    /// </summary>
    public LeafCertificate? Leaf { get; init; }

    /// <summary>The address the listener binds (the registration's address, or all interfaces).</summary>
    public required string BindAddress { get; init; }

    /// <summary>The port the listener binds (the registration's port).</summary>
    public required int BindPort { get; init; }

    /// <summary>What each SNI means (for explaining a connection that has no route).</summary>
    public MeshGatewayRouteTable Table { get; init; } = MeshGatewayRouteTable.Empty;

    /// <summary>The routes by SNI (looked up ignoring case).</summary>
    public IReadOnlyDictionary<string, GatewayRouteSnapshot> Routes
    {
        get => _routes;
        init => _routes = new Dictionary<string, GatewayRouteSnapshot>(value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The route of <paramref name="sni"/>, or null when the connection must be closed.</summary>
    public GatewayRouteSnapshot? Lookup(string? sni) => sni is not null && _routes.TryGetValue(sni, out var route) ? route : null;
}
