namespace Parley.Client;

/// <summary>The consumers of an exported service.</summary>
public sealed record ResolvedConsumers
{
    /// <summary>Peer names, sorted.</summary>
    [OmitEmpty]
    public List<string>? Peers { get; init; }

    /// <summary>Partition names (enterprise only).</summary>
    [OmitEmpty]
    public List<string>? Partitions { get; init; }
}
