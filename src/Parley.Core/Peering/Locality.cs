namespace Parley.Core.Peering;

/// <summary>Where a cluster runs (Consul's <c>structs.Locality</c>); both fields are omitted from JSON when empty.</summary>
public sealed record Locality
{
    public string Region { get; init; } = "";

    public string Zone { get; init; } = "";
}
