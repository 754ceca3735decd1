namespace Parley.Core.ConfigEntries;

/// <summary>A named subset of a service's instances.</summary>
public sealed record ServiceResolverSubset
{
    /// <summary>Filter expression over the service's instances.</summary>
    public string Filter { get; init; } = "";

    /// <summary>Only instances whose checks all pass (warning excluded).</summary>
    public bool OnlyPassing { get; init; }
}
