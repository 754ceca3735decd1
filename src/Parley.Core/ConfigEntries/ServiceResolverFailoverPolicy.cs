namespace Parley.Core.ConfigEntries;

/// <summary>How failover targets are ordered: <c>default</c> or <c>order-by-locality</c> (enterprise).</summary>
public sealed record ServiceResolverFailoverPolicy
{
    public string Mode { get; init; } = "";

    public IReadOnlyList<string> Regions { get; init; } = [];
}
