namespace Parley.Core.Peering;

/// <summary>The <c>Remote</c> part of a peering token: where the acceptor lives.</summary>
public sealed record PeeringTokenRemote
{
    /// <summary>The acceptor's partition; <c>default</c> in community edition, always set.</summary>
    public string Partition { get; init; } = "";

    /// <summary>The acceptor's datacenter.</summary>
    public string Datacenter { get; init; } = "";

    /// <summary>The acceptor's locality; <see langword="null"/> (JSON <c>null</c>) in the versions Parley follows.</summary>
    public Locality? Locality { get; init; }
}
