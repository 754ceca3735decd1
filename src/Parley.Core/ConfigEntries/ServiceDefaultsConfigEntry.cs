namespace Parley.Core.ConfigEntries;

/// <summary>
/// <c>service-defaults</c>: per-service settings, chiefly <see cref="Protocol"/>, which decides whether routers
/// and splitters may apply to the service.
/// </summary>
public sealed record ServiceDefaultsConfigEntry : ConfigEntry
{
    public override string Kind => ConfigEntryKinds.ServiceDefaults;

    /// <summary><c>tcp</c>, <c>http</c>, <c>http2</c> or <c>grpc</c>; lower-cased on normalization. Empty means tcp.</summary>
    public string Protocol { get; init; } = "";

    /// <summary>Proxy mode: empty, <c>direct</c> or <c>transparent</c>.</summary>
    public string Mode { get; init; } = "";

    public TransparentProxyConfig TransparentProxy { get; init; } = new();

    public MeshGatewayConfig MeshGateway { get; init; } = new();

    public ExposeConfig Expose { get; init; } = new();

    public string ExternalSni { get; init; } = "";

    public UpstreamConfiguration? UpstreamConfig { get; init; }

    public DestinationConfig? Destination { get; init; }

    public int MaxInboundConnections { get; init; }

    public int LocalConnectTimeoutMs { get; init; }

    public int LocalRequestTimeoutMs { get; init; }

    /// <summary>Empty or <c>exact_balance</c>.</summary>
    public string BalanceInboundConnections { get; init; } = "";
}
