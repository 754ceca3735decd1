namespace Parley.Core.ConfigEntries;

/// <summary>Match criteria of a route.</summary>
public sealed record ServiceRouteMatch
{
    public ServiceRouteHttpMatch? Http { get; init; }
}
