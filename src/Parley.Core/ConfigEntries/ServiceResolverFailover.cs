namespace Parley.Core.ConfigEntries;

/// <summary>
/// Where traffic goes when the primary target has no healthy instances: another service/subset, a list of
/// datacenters, or an ordered list of <see cref="Targets"/> (which may name peers).
/// </summary>
public sealed record ServiceResolverFailover
{
    public string Service { get; init; } = "";

    public string ServiceSubset { get; init; } = "";

    public string Namespace { get; init; } = "";

    public IReadOnlyList<string> Datacenters { get; init; } = [];

    public IReadOnlyList<ServiceResolverFailoverTarget> Targets { get; init; } = [];

    public ServiceResolverFailoverPolicy? Policy { get; init; }

    public string SamenessGroup { get; init; } = "";

    /// <summary>True when nothing says where to fail over to.</summary>
    public bool IsEmpty =>
        Service.Length == 0 && ServiceSubset.Length == 0 && Namespace.Length == 0 && Datacenters.Count == 0 && Targets.Count == 0;
}
