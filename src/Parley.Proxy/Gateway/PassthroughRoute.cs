using Parley.Proxy.Config;
using Parley.Proxy.Outbound;

namespace Parley.Proxy.Gateway;

/// <summary>
/// An SNI whose bytes the gateway pipes on unread (Envoy's <c>tcp_proxy</c> to an SNI-named cluster): to the local
/// servers, a peer's servers, an exported TCP service's sidecars, or the gateways of the peer a service is imported from.
/// </summary>
public sealed record PassthroughRoute : GatewayRouteSnapshot
{
    /// <summary>Consul's gateway clusters' <c>connect_timeout_ms</c> default: 5 s.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<ServiceEndpoint> _endpoints = [];

    /// <summary>Where the bytes may go; only healthy ones are used, picked by weight.</summary>
    public IReadOnlyList<ServiceEndpoint> Endpoints
    {
        get => _endpoints;
        init
        {
            _endpoints = value;
            Picker = new WeightedEndpoints(value);
        }
    }

    /// <summary>How long opening a connection to one endpoint may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>The healthy endpoints, ready to pick from.</summary>
    internal WeightedEndpoints Picker { get; private init; } = new([]);
}
