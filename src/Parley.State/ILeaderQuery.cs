namespace Parley.State;

/// <summary>
/// A question only the Raft leader can answer, because the answer lives in the leader's memory rather than in the
/// replicated state (for example the live peering streams). Registered in DI; <see cref="IReplicator.QueryLeaderAsync"/>
/// runs it on the leader, from whichever server asks.
/// </summary>
/// <remarks>
/// The request and the answer are opaque bytes, so the consensus layer needs no knowledge of the subsystem asking.
/// Implementations must be thread-safe and read-only: a query may be retried against a new leader.
/// </remarks>
public interface ILeaderQuery
{
    /// <summary>The name callers ask by, unique among the registered queries (e.g. <c>peering/stream-status</c>).</summary>
    string Name { get; }

    /// <summary>Answers <paramref name="request"/> on the leader.</summary>
    ValueTask<byte[]> AnswerAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken);
}
