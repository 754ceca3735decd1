namespace Parley.Core.ConfigEntries;

/// <summary>Connection limits towards one upstream; null means unlimited (the proxy's default).</summary>
public sealed record UpstreamLimits
{
    public int? MaxConnections { get; init; }

    public int? MaxPendingRequests { get; init; }

    public int? MaxConcurrentRequests { get; init; }
}
