namespace Parley.Core.ConfigEntries;

/// <summary>One route: what it matches and where matching requests go.</summary>
public sealed record ServiceRoute
{
    public ServiceRouteMatch? Match { get; init; }

    public ServiceRouteDestination? Destination { get; init; }
}
