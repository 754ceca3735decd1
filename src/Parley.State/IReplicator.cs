using Parley.State.Commands;

namespace Parley.State;

/// <summary>
/// The write path: every state change is a <see cref="Command"/> replicated through the log and applied
/// by the <see cref="IReplicatedStateMachine"/> on every server. The only writer of the state store.
/// </summary>
public interface IReplicator
{
    /// <summary>
    /// Appends <paramref name="command"/> to the log, waits until it is committed and applied locally, and
    /// returns what the apply produced. On a follower the command is forwarded to the leader.
    /// </summary>
    /// <exception cref="NoLeaderException">No leader is known, or it could not be reached in time.</exception>
    ValueTask<CommandResult> ApplyAsync(Command command, CancellationToken cancellationToken);

    /// <summary>Waits until this server has applied everything committed before the call (a read barrier).</summary>
    ValueTask ReadBarrierAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Prepares a default-consistency read (Consul's default mode: the leader's view, without a quorum round). Returns at
    /// once on the leader; on a follower waits until this server has applied everything the leader had committed; with no
    /// leader known waits for one, and gives up with <see cref="NoLeaderException"/>.
    /// </summary>
    /// <exception cref="NoLeaderException">No leader could be reached in time.</exception>
    ValueTask LeaderReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs the <see cref="ILeaderQuery"/> named <paramref name="name"/> on the leader and returns its answer: here when this
    /// server leads, else over the server RPC. While no leader is known it waits, as a write does.
    /// </summary>
    /// <exception cref="NoLeaderException">No leader is known, or it could not be reached in time.</exception>
    /// <exception cref="InvalidOperationException">The leader has no query of that name, or the query failed.</exception>
    ValueTask<byte[]> QueryLeaderAsync(string name, ReadOnlyMemory<byte> request, CancellationToken cancellationToken);

    /// <summary>What this server knows about the cluster right now.</summary>
    ClusterStatus Status { get; }
}

/// <summary>A server's view of the consensus cluster.</summary>
/// <param name="IsLeader">This server is the leader.</param>
/// <param name="Leader">The leader's server address (<c>host:port</c> of the server port), or null if none is known.</param>
/// <param name="LastContact">Time since the last contact with the leader; zero on the leader.</param>
/// <param name="Peers">Server addresses of the voting members.</param>
public sealed record ClusterStatus(bool IsLeader, string? Leader, TimeSpan LastContact, IReadOnlyList<string> Peers)
{
    public bool KnownLeader => Leader is not null;
}

/// <summary>No leader is available to accept a write or a consistent read.</summary>
public sealed class NoLeaderException(string message = "No cluster leader") : Exception(message);
