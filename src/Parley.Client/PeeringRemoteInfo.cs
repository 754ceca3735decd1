namespace Parley.Client;

/// <summary>Where the remote cluster of a peering is (Consul's <c>api.PeeringRemoteInfo</c>).</summary>
public sealed record PeeringRemoteInfo
{
    /// <summary>The remote partition.</summary>
    public string Partition { get; init; } = "";

    /// <summary>The remote datacenter.</summary>
    public string Datacenter { get; init; } = "";

    /// <summary>The remote locality, when the remote set one.</summary>
    [OmitEmpty]
    public Locality? Locality { get; init; }
}
