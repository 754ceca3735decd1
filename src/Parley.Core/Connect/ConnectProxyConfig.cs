using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries;

namespace Parley.Core.Connect;

/// <summary>
/// The <c>Proxy</c> block of a <c>connect-proxy</c> or gateway instance (Consul's <c>ConnectProxyConfig</c>): which
/// service it fronts, where that service listens, its upstreams, and opaque proxy <see cref="Config"/>.
/// </summary>
/// <remarks>
/// Immutable; compare two with <see cref="ConnectCodec.Same(ConnectProxyConfig?, ConnectProxyConfig?)"/> (the lists
/// and the opaque JSON make record equality reference-based). JSON goes through <see cref="ConnectCodec"/>.
/// </remarks>
public sealed record ConnectProxyConfig
{
    /// <summary>The name of the service this proxy fronts (required for <c>connect-proxy</c>).</summary>
    public string DestinationServiceName { get; init; } = "";

    /// <summary>The ID of the service instance this proxy fronts.</summary>
    public string DestinationServiceID { get; init; } = "";

    /// <summary>Where the proxy reaches the local application; a sidecar defaults it to <c>127.0.0.1</c>.</summary>
    public string LocalServiceAddress { get; init; } = "";

    /// <summary>The local application's port; a sidecar defaults it to the parent service's port.</summary>
    public int LocalServicePort { get; init; }

    public string LocalServiceSocketPath { get; init; } = "";

    /// <summary><c>""</c>, <c>direct</c> or <c>transparent</c>.</summary>
    public string Mode { get; init; } = "";

    public TransparentProxyConfig TransparentProxy { get; init; } = new();

    /// <summary>Opaque proxy configuration (<c>protocol</c>, <c>local_connect_timeout_ms</c>, ...). Treat it as read-only.</summary>
    public JsonObject? Config { get; init; }

    public IReadOnlyList<Upstream> Upstreams { get; init; } = [];

    public MeshGatewayConfig MeshGateway { get; init; } = new();

    public ExposeConfig Expose { get; init; } = new();

    /// <summary><c>""</c>, <c>strict</c> or <c>permissive</c>.</summary>
    public string MutualTLSMode { get; init; } = "";

    /// <summary>Kept as given (Envoy-specific); Parley's proxy does not read it. Treat it as read-only.</summary>
    public JsonObject? AccessLogs { get; init; }

    /// <summary>Kept as given (Envoy-specific); Parley's proxy does not read it. Treat it as read-only.</summary>
    public JsonArray? EnvoyExtensions { get; init; }
}
