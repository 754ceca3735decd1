using Parley.Core.ConfigEntries;
using Parley.Core.Intentions;

namespace Parley.Core.DiscoveryChain.Execution;

/// <summary>
/// A compiled discovery chain turned into something a proxy runs per request (consul-mesh §7): routers in order,
/// first match wins; splitters by weight; resolvers with their failover targets. Built once per chain change;
/// <see cref="Decide"/> does no allocation beyond what the matchers need.
/// </summary>
/// <remarks>Immutable and thread-safe once built.</remarks>
public sealed class ChainPlan
{
    private readonly ChainPlanNode _start;

    private ChainPlan(string protocol, ChainPlanNode start, IReadOnlyList<string> targetIds)
    {
        Protocol = protocol;
        _start = start;
        TargetIds = targetIds;
    }

    /// <summary>The chain's protocol (<c>tcp</c>, <c>http</c>, <c>http2</c>, <c>grpc</c>).</summary>
    public string Protocol { get; }

    /// <summary>Every target a decision may name, primary and failover, without duplicates.</summary>
    public IReadOnlyList<string> TargetIds { get; }

    /// <summary>True when the chain starts at a resolver (no router or splitter applies).</summary>
    public bool StartsAtResolver => _start.Resolver is not null;

    /// <summary>Builds the plan of a compiled chain.</summary>
    /// <param name="chain">The compiled chain.</param>
    /// <param name="failover">
    /// False to leave resolvers' failover targets out (an exporting mesh gateway applies no failover, Consul's
    /// <c>makeExportedUpstreamClustersForMeshGateway</c>): each resolver then has only its own target.
    /// </param>
    public static ChainPlan From(CompiledDiscoveryChain chain, bool failover = true)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var built = new Dictionary<string, ChainPlanNode>(StringComparer.Ordinal);
        var targets = new List<string>();
        var start = Build(chain, chain.StartNode, built, targets, failover);
        return new ChainPlan(chain.Protocol, start, targets);
    }

    /// <summary>A plan with a single resolver and no failover: a peer upstream, which has no chain (Consul).</summary>
    public static ChainPlan SingleTarget(string targetId, string protocol, TimeSpan connectTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetId);
        var node = new ChainPlanNode { Resolver = new ResolverPlan([targetId], connectTimeout, TimeSpan.Zero) };
        return new ChainPlan(protocol, node, [targetId]);
    }

    /// <summary>
    /// Walks the plan for one request (<paramref name="request"/> null for a TCP connection, which only resolvers
    /// can carry); <paramref name="splitRoll"/> is a uniform draw in [0, 1) used at a splitter.
    /// </summary>
    public ChainDecision Decide(HttpRequestInfo? request, double splitRoll)
    {
        RoutePlan? route = null;
        ServiceSplit? split = null;
        var node = _start;
        while (node.Resolver is null)
        {
            if (node.Selector is { } selector)
            {
                var leg = selector.Choose(splitRoll);
                if (leg < 0)
                {
                    return default;
                }

                split = node.Splits[leg];
                node = node.SplitNext[leg];
                continue;
            }

            route = request is null ? null : FirstMatch(node.Routes, request);
            if (route is null)
            {
                return default;
            }

            node = route.Next;
        }

        return new ChainDecision(node.Resolver, route, split, RequestTimeout(route, node.Resolver));
    }

    private static RoutePlan? FirstMatch(RoutePlan[] routes, HttpRequestInfo request)
    {
        foreach (var route in routes)
        {
            if (route.Matcher.Matches(request))
            {
                return route;
            }
        }

        return null;
    }

    private TimeSpan? RequestTimeout(RoutePlan? route, ResolverPlan resolver)
    {
        if (route is not null && route.Destination.RequestTimeout != TimeSpan.Zero)
        {
            return route.Destination.RequestTimeout > TimeSpan.Zero ? route.Destination.RequestTimeout : TimeSpan.Zero;
        }

        // A resolver's timeout applies only when the chain starts at it (Consul's routes.go).
        if (ReferenceEquals(_start.Resolver, resolver) && resolver.RequestTimeout != TimeSpan.Zero)
        {
            return resolver.RequestTimeout > TimeSpan.Zero ? resolver.RequestTimeout : TimeSpan.Zero;
        }

        return null;
    }

    private static ChainPlanNode Build(
        CompiledDiscoveryChain chain, string key, Dictionary<string, ChainPlanNode> built, List<string> targets, bool failover)
    {
        if (built.TryGetValue(key, out var existing))
        {
            return existing;
        }

        if (!chain.Nodes.TryGetValue(key, out var node))
        {
            throw new ArgumentException($"discovery chain {chain.ServiceName} has no node {key}", nameof(chain));
        }

        ChainPlanNode plan;
        switch (node.Type)
        {
            case DiscoveryGraphNodeType.Resolver:
                var resolver = node.Resolver ?? throw new ArgumentException($"resolver node {key} has no resolver", nameof(chain));
                List<string> order = [resolver.Target, .. (failover ? resolver.Failover?.Targets : null) ?? []];
                foreach (var target in order.Where(t => !targets.Contains(t)))
                {
                    targets.Add(target);
                }

                plan = new ChainPlanNode
                {
                    Resolver = new ResolverPlan(order.Distinct().ToArray(), resolver.ConnectTimeout, resolver.RequestTimeout)
                };
                built[key] = plan;
                return plan;

            case DiscoveryGraphNodeType.Splitter:
                plan = new ChainPlanNode
                {
                    Selector = new SplitSelector(node.Splits.Select(s => s.Weight).ToArray()),
                    Splits = node.Splits.Select(s => s.Definition).ToArray(),
                };
                built[key] = plan;
                plan.SplitNext = node.Splits.Select(s => Build(chain, s.NextNode, built, targets, failover)).ToArray();
                return plan;

            default:
                var routes = node.Routes
                    .Select(r
                        => new RoutePlan(
                        new RouteMatcher(r.Definition.Match?.Http), r.Definition.Destination ?? new ServiceRouteDestination()))
                    .ToArray();
                plan = new ChainPlanNode { Routes = routes };
                built[key] = plan;
                for (var i = 0; i < routes.Length; i++)
                {
                    routes[i].Next = Build(chain, node.Routes[i].NextNode, built, targets, failover);
                }

                return plan;
        }
    }
}
