namespace Parley.Core.ConfigEntries;

/// <summary>Locality-aware routing mode (enterprise; refused by validation when set).</summary>
public sealed record ServiceResolverPrioritizeByLocality
{
    public string Mode { get; init; } = "";
}
