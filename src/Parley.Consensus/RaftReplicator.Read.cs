using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using Parley.State;

namespace Parley.Consensus;

public sealed partial class RaftReplicator
{
    /// <summary>
    /// Prepares a default-consistency read, Consul's default mode: the answer is the leader's state, without the heartbeat
    /// round a <c>?consistent</c> read pays for.
    /// </summary>
    /// <remarks>
    /// On the leader this is an in-memory check and returns at once (a single <c>-dev</c> server pays nothing). On a
    /// follower it asks the leader for its commit index over the server port and waits until this server has applied
    /// that far, so a write the leader acknowledged before the call is visible here. While no leader is known (an
    /// election, lost quorum) it waits for one and retries, up to <see cref="RaftOptions.WriteTimeout"/> in all, as a
    /// write does.
    /// </remarks>
    /// <exception cref="NoLeaderException">No leader answered within <see cref="RaftOptions.WriteTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled by the caller.</exception>
    public async ValueTask LeaderReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfFatal();
        if (!_started)
        {
            throw new NoLeaderException();
        }

        if (_cluster is { } cluster && !cluster.LeadershipToken.IsCancellationRequested)
        {
            return;
        }

        await CatchUpWithLeaderAsync(cancellationToken).ConfigureAwait(false);
    }

    // The follower side of a default read: learn the leader's commit index and wait until it is applied here. A leader that
    // is gone or no longer leads is not an answer yet: wait for the next one, all within WriteTimeout.
    private async Task CatchUpWithLeaderAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        deadline.CancelAfter(_options.WriteTimeout);
        try
        {
            while (true)
            {
                var leader = await WaitForLeaderMemberAsync(Timeout.InfiniteTimeSpan, deadline.Token).ConfigureAwait(false);
                var cluster = _cluster ?? throw new NoLeaderException();
                if (!leader.IsRemote && !cluster.LeadershipToken.IsCancellationRequested)
                {
                    // Elected here while waiting.
                    return;
                }

                try
                {
                    // On a follower DotNext sends the leader this server's commit index; the leader answers with its own
                    // (after a replication round if this server is behind) and the call returns once it is applied here.
                    await cluster.ApplyReadBarrierAsync(ReadBarrierType.Weak, deadline.Token).ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (e is NotLeaderException or QuorumUnreachableException or MemberUnavailableException)
                {
                    // The leader this server knew is unreachable or stepped down; an election is running.
                }

                await Task.Delay(LeaderRetryDelay, _timeProvider, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ThrowIfFatal();
            throw new NoLeaderException();
        }
        catch (ObjectDisposedException)
        {
            throw new NoLeaderException("The server is shutting down");
        }
        catch (Exception) when (_fatalError is not null)
        {
            ThrowIfFatal();
            throw;
        }
    }
}
