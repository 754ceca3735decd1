namespace Parley.Core.DiscoveryChain;

/// <summary>The compiled form of a resolver for one target.</summary>
public sealed record DiscoveryResolver
{
    /// <summary>True when no resolver entry changed anything for this target.</summary>
    public bool Default { get; init; }

    /// <summary>The effective connect timeout (resolver value, 5 s default, or the override).</summary>
    public TimeSpan ConnectTimeout { get; init; }

    public TimeSpan RequestTimeout { get; init; }

    /// <summary>The target ID this resolver resolves.</summary>
    public required string Target { get; init; }

    public DiscoveryFailover? Failover { get; internal set; }
}
