namespace Parley.Core.ConfigEntries;

/// <summary>Peering settings of the mesh entry.</summary>
public sealed record PeeringMeshConfig
{
    /// <summary>Send peering control-plane traffic (secret exchange and stream) through mesh gateways.</summary>
    public bool PeerThroughMeshGateways { get; init; }
}
