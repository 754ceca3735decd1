namespace Parley.Core.ConfigEntries;

/// <summary>Where a resolver sends all its traffic instead; with <see cref="Peer"/> set, to a service imported from a peer.</summary>
public sealed record ServiceResolverRedirect
{
    public string Service { get; init; } = "";

    public string ServiceSubset { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Partition { get; init; } = "";

    public string Datacenter { get; init; } = "";

    public string Peer { get; init; } = "";

    public string SamenessGroup { get; init; } = "";

    /// <summary>True when no field is set (Consul refuses an empty redirect).</summary>
    public bool IsEmpty =>
        Service.Length == 0 && ServiceSubset.Length == 0 && Namespace.Length == 0 && Partition.Length == 0 &&
        Datacenter.Length == 0 && Peer.Length == 0;
}
