namespace Parley.Core.ConfigEntries;

/// <summary>Settings for one upstream (override, with a name and possibly a peer) or for all (defaults, unnamed).</summary>
public sealed record UpstreamConfig
{
    public string Name { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Partition { get; init; } = "";

    /// <summary>The peer the upstream is imported from, for overrides of peered upstreams.</summary>
    public string Peer { get; init; } = "";

    public string EnvoyListenerJson { get; init; } = "";

    public string EnvoyClusterJson { get; init; } = "";

    public string Protocol { get; init; } = "";

    public int ConnectTimeoutMs { get; init; }

    public UpstreamLimits? Limits { get; init; }

    public PassiveHealthCheck? PassiveHealthCheck { get; init; }

    public MeshGatewayConfig MeshGateway { get; init; } = new();

    public string BalanceOutboundConnections { get; init; } = "";
}
