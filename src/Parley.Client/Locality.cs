namespace Parley.Client;

/// <summary>A cloud region and zone.</summary>
public sealed record Locality
{
    /// <summary>The region.</summary>
    [OmitEmpty]
    public string? Region { get; init; }

    /// <summary>The zone within the region.</summary>
    [OmitEmpty]
    public string? Zone { get; init; }
}
