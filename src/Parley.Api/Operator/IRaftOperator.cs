namespace Parley.Api.Operator;

/// <summary>
/// What the operator, snapshot and leave endpoints need from the consensus layer, without its types (the HTTP API never
/// sees DotNext or <c>Parley.Consensus</c>). The agent registers the implementation.
/// </summary>
public interface IRaftOperator
{
    /// <summary>The voters of the Raft configuration, as this server knows them.</summary>
    RaftPeers GetConfiguration();

    /// <summary>Removes a voter by its server address (<c>host:port</c>), through the leader.</summary>
    /// <exception cref="Core.ParleyException">(InvalidArgument) not an address; (NotFound) not a voter.</exception>
    Task RemovePeerAsync(string address, CancellationToken cancellationToken);

    /// <summary>Has the leader step down so another voter is elected, through the leader.</summary>
    /// <exception cref="Core.ParleyException">(InvalidArgument) the leader is the only voter.</exception>
    Task TransferLeadershipAsync(CancellationToken cancellationToken);

    /// <summary>Removes this server from the Raft configuration; the caller then stops the agent.</summary>
    Task LeaveAsync(CancellationToken cancellationToken);

    /// <summary>Writes a snapshot archive of the state; returns the log index it includes.</summary>
    /// <param name="destination">Where the archive goes.</param>
    /// <param name="stale">Save this server's state without first confirming it is up to date with the leader.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    Task<long> SaveSnapshotAsync(Stream destination, bool stale, CancellationToken cancellationToken);

    /// <summary>Verifies a snapshot archive and replaces the state with it through the log; returns the restore's index.</summary>
    /// <exception cref="Core.ParleyException">(InvalidArgument) the archive is damaged; nothing changed.</exception>
    Task<long> RestoreSnapshotAsync(Stream source, CancellationToken cancellationToken);
}
