using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain.Execution;

/// <summary>One node of a <see cref="ChainPlan"/>: exactly one of routes, a split, or a resolver.</summary>
internal sealed class ChainPlanNode
{
    public static readonly ChainPlanNode Unresolved = new();

    public RoutePlan[] Routes { get; init; } = [];

    public SplitSelector? Selector { get; init; }

    public ServiceSplit[] Splits { get; init; } = [];

    public ChainPlanNode[] SplitNext { get; set; } = [];

    public ResolverPlan? Resolver { get; init; }
}
