using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain.Execution;

/// <summary>A router's route ready to execute: its compiled match and where it leads.</summary>
public sealed class RoutePlan
{
    internal RoutePlan(RouteMatcher matcher, ServiceRouteDestination destination)
    {
        Matcher = matcher;
        Destination = destination;
    }

    /// <summary>The compiled match.</summary>
    public RouteMatcher Matcher { get; }

    /// <summary>Retries, timeouts, rewrite and header changes of the route (a default destination when none was given).</summary>
    public ServiceRouteDestination Destination { get; }

    internal ChainPlanNode Next { get; set; } = ChainPlanNode.Unresolved;
}
