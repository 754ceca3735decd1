using Parley.Core.PreparedQueries;

namespace Parley.State.Store;

/// <summary>
/// Runs a resolved prepared query against one snapshot as Consul's <c>PreparedQuery.Execute</c> does: the local (or
/// <c>Service.Peer</c>'s) instances through the query's health, meta and tag filters and the caller's ACL filter,
/// shuffled, the near node first, cut to the limit; with none left, each failover target in turn. A peer target answers
/// from that peer's imported instances (what <c>?peer=</c> health reads show). Datacenter targets and <c>NearestN</c>
/// find nothing to try: Parley has no WAN federation, so every other datacenter is unknown and skipped, as Consul skips
/// an unknown one (without counting it as a failover).
/// </summary>
public static class PreparedQueryExecutor
{
    /// <summary>Executes <paramref name="query"/> (already resolved and rendered) on <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The state to read.</param>
    /// <param name="query">The query, resolved and rendered.</param>
    /// <param name="request">The agent's datacenter and node, and the caller's near, limit and connect.</param>
    /// <param name="mayRead">The caller's ACL filter on instances; null to keep all.</param>
    /// <param name="random">Shuffles the instances.</param>
    public static PreparedQueryResult Execute(
        StateSnapshot snapshot, PreparedQuery query, PreparedQueryRequest request, Func<CheckServiceNode, bool>? mayRead, Random random)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(random);
        var peer = query.Service.Peer;
        var nodes = Instances(snapshot, query, peer, request, mayRead, random);
        SortNear(snapshot, query, request, peer, nodes);
        nodes = Limit(nodes, request.Limit);
        if (nodes.Count > 0 || !query.Service.Failover.Any)
        {
            return new(query, nodes, peer.Length > 0 ? "" : request.Datacenter, peer, 0);
        }

        var failovers = 0;
        var answered = new PreparedQueryResult(query, nodes, peer.Length > 0 ? "" : request.Datacenter, peer, 0);
        foreach (var target in query.Service.Failover.Targets.Where(t => t.Peer.Length > 0))
        {
            failovers++;
            nodes = Limit(Instances(snapshot, query, target.Peer, request, mayRead, random), request.Limit);
            answered = new(query, nodes, "", target.Peer, failovers);
            if (nodes.Count > 0)
            {
                break;
            }
        }

        return answered with { Failovers = failovers };
    }

    private static List<CheckServiceNode> Instances(
        StateSnapshot s, PreparedQuery query, string peer, PreparedQueryRequest request, Func<CheckServiceNode, bool>? mayRead,
            Random random)
    {
        var service = query.Service;
        var rows = service.Connect || request.Connect
            ? s.ConnectServiceNodes(service.Service, peer).Rows
            : s.CheckServiceNodes(service.Service, peer);
        var ignore = service.IgnoreCheckIDs.ToHashSet(StringComparer.Ordinal);
        var kept = rows
            .Where(r => PreparedQueryRules.Healthy(r.Checks, service.OnlyPassing, ignore))
            .Where(r => PreparedQueryRules.MetaMatches(r.Node.Meta, service.NodeMeta))
            .Where(r => PreparedQueryRules.MetaMatches(r.Service.Meta, service.ServiceMeta))
            .Where(r => PreparedQueryRules.TagsMatch(r.Service.Tags, service.Tags))
            .Where(r => mayRead?.Invoke(r) ?? true)
            .ToList();
        for (var i = kept.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (kept[i], kept[j]) = (kept[j], kept[i]);
        }

        return kept;
    }

    // Without network coordinates there is no RTT order; Consul still puts the near node first (its distance is 0) when
    // the answer is local and the node is among the first ten.
    private static void SortNear(
        StateSnapshot s,
        PreparedQuery query,
        PreparedQueryRequest request,
        string peer,
        List<CheckServiceNode> nodes)
    {
        var near = request.Near.Length > 0 ? request.Near : query.Service.Near;
        if (near == "_agent")
        {
            near = request.AgentNode;
        }

        if (near.Length == 0 || near == "_ip" || peer.Length > 0 || s.GetNode(near) is null)
        {
            return;
        }

        var i = nodes.FindIndex(0, Math.Min(10, nodes.Count), n => n.Node.Name.Equals(near, StringComparison.OrdinalIgnoreCase));
        if (i > 0)
        {
            (nodes[0], nodes[i]) = (nodes[i], nodes[0]);
        }
    }

    private static List<CheckServiceNode> Limit(List<CheckServiceNode> nodes, int limit) =>
        limit > 0 && nodes.Count > limit ? nodes[..limit] : nodes;
}
