using Parley.Proxy.Config;

namespace Parley.Proxy.Outbound;

/// <summary>An upstream as its listener runs it: the snapshot and a cluster per target of its chain.</summary>
/// <param name="Snapshot">The upstream's configuration.</param>
/// <param name="Clusters">Every target of the chain that has an entry in the snapshot, by target ID.</param>
internal sealed record UpstreamRuntime(UpstreamSnapshot Snapshot, IReadOnlyDictionary<string, Cluster> Clusters)
{
    /// <summary>The first target, in failover order, whose cluster has a healthy endpoint.</summary>
    public Cluster? SelectCluster(Core.DiscoveryChain.Execution.ResolverPlan resolver)
    {
        foreach (var target in resolver.Targets)
        {
            if (Clusters.TryGetValue(target, out var cluster) && cluster.HasHealthyEndpoints)
            {
                return cluster;
            }
        }

        return null;
    }
}
