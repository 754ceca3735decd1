using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain;

/// <summary>Failover of a resolver node: target IDs to try in order.</summary>
public sealed record DiscoveryFailover
{
    public IReadOnlyList<string> Targets { get; init; } = [];

    public ServiceResolverFailoverPolicy? Policy { get; init; }
}
