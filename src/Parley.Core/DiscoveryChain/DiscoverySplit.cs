using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain;

/// <summary>A compiled split leg. <see cref="Weight"/> is the effective weight after nested splitters are flattened.</summary>
public sealed record DiscoverySplit
{
    public required ServiceSplit Definition { get; init; }

    public float Weight { get; init; }

    public string NextNode { get; internal set; } = "";
}
