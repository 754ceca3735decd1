namespace Parley.Core.ConfigEntries;

/// <summary>A consumer of an exported service: exactly one of a peer, a partition or a sameness group.</summary>
public sealed record ServiceConsumer
{
    /// <summary>Peer name (HCL alias <c>peer_name</c>).</summary>
    public string Peer { get; init; } = "";

    public string Partition { get; init; } = "";

    /// <summary>Sameness group (alias <c>sameness_group</c>); an enterprise feature, refused by validation.</summary>
    public string SamenessGroup { get; init; } = "";
}
