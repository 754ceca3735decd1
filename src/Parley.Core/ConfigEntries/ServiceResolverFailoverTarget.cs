namespace Parley.Core.ConfigEntries;

/// <summary>One failover target. A missing <see cref="Service"/> means the resolver's own service.</summary>
public sealed record ServiceResolverFailoverTarget
{
    public string Service { get; init; } = "";

    public string ServiceSubset { get; init; } = "";

    public string Partition { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Datacenter { get; init; } = "";

    public string Peer { get; init; } = "";
}
