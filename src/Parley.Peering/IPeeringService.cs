using Parley.State.Store;

namespace Parley.Peering;

/// <summary>
/// The peering subsystem as the HTTP API uses it: the operations behind <c>/v1/peering</c>, the leader's view of the
/// streams, and what this cluster exports. Writes go through the replicated log, as every write does.
/// </summary>
public interface IPeeringService
{
    /// <summary>How long a stream may stay silent before it counts as unhealthy (<c>peering { heartbeat_timeout }</c>).</summary>
    TimeSpan HeartbeatTimeout { get; }

    /// <summary>Refuses (<c>peering must be enabled to use this endpoint</c>, a 400) when peering is disabled.</summary>
    void EnsureEnabled();

    /// <summary>
    /// Generates a peering token for <paramref name="peerName"/>, creating the PENDING peering if needed. The token expires
    /// after <paramref name="expiresIn"/>, else the configured token TTL, else never.
    /// </summary>
    Task<string> GenerateTokenAsync(
        string peerName, IReadOnlyDictionary<string, string>? meta, IReadOnlyList<string>? externalAddresses, string? partition,
        TimeSpan? expiresIn, CancellationToken cancellationToken);

    /// <summary>Establishes a peering from a token; a refused establish leaves nothing behind.</summary>
    Task EstablishAsync(
        string peerName,
        string peeringToken,
        IReadOnlyDictionary<string, string>? meta,
        string? partition,
        CancellationToken cancellationToken);

    /// <summary>Marks a peering for deletion; cleanup and the peer's notification follow asynchronously.</summary>
    Task DeleteAsync(string name, string? partition, CancellationToken cancellationToken);

    /// <summary>Every peering stream as the Raft leader knows it, keyed by local peering ID.</summary>
    /// <exception cref="State.NoLeaderException">No leader is known within the write timeout, or it could not be reached.</exception>
    Task<IReadOnlyDictionary<string, PeeringStreamStatus>> StreamStatusesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The last refused establish of <paramref name="peerName"/> on this server; null when none (or a later one succeeded).
    /// </summary>
    EstablishFailure? LastEstablishFailure(string peerName);

    /// <summary>Every exported service with the peers it is exported to, as the peer stream exports them.</summary>
    IReadOnlyList<(string Service, IReadOnlyList<string> Peers)> ExportedServices(StateSnapshot snapshot);

    /// <summary>The service names exported to <paramref name="peerName"/>, sorted.</summary>
    IReadOnlyList<string> ExportedServices(StateSnapshot snapshot, string peerName);

    /// <summary>The local mesh gateways' LAN addresses when peering goes through them; empty otherwise.</summary>
    IReadOnlyList<string> LocalMeshGateways(StateSnapshot snapshot);
}
