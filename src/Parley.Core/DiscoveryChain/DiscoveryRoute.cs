using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain;

/// <summary>A compiled route: the router's definition and the node matching requests go to.</summary>
public sealed record DiscoveryRoute
{
    public required ServiceRoute Definition { get; init; }

    public string NextNode { get; internal set; } = "";
}
