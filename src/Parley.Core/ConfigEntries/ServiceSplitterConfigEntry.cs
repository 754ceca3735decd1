namespace Parley.Core.ConfigEntries;

/// <summary>
/// <c>service-splitter</c>: splits traffic for a service across services or subsets by weight. There is no
/// peer field; to split to a peer, split to a local name whose resolver redirects to the peer.
/// </summary>
public sealed record ServiceSplitterConfigEntry : ConfigEntry
{
    public override string Kind => ConfigEntryKinds.ServiceSplitter;

    /// <summary>The splits; their weights must sum to 100.</summary>
    public IReadOnlyList<ServiceSplit> Splits { get; init; } = [];
}
