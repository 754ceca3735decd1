using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using Parley.Consensus.Internal;
using Parley.Core.Time;
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
        var run = Run;
        if (run.Cluster is { } cluster && !cluster.LeadershipToken.IsCancellationRequested)
        {
            return;
        }

        await ReadBarrierWithRetryAsync(run, ReadBarrierType.Weak, cancellationToken).ConfigureAwait(false);
    }

    // A read barrier that rides through an election: a leader that is gone, unreachable, slow to answer or no longer
    // leading is not an answer yet; wait for the next one and try again, all within WriteTimeout. On a follower DotNext
    // sends the leader this server's commit index, the leader answers with its own (the barrier type only matters on the
    // leader) and the call returns once that index is applied here. Weak (a default read) is not asked of the leader:
    // it answers from its own state.
    private async Task ReadBarrierWithRetryAsync(RaftRun run, ReadBarrierType type, CancellationToken cancellationToken)
    {
        using var deadline = new Deadline(_options.WriteTimeout, _timeProvider, cancellationToken, run.Stopping);
        try
        {
            while (true)
            {
                var leader = await WaitForLeaderMemberAsync(run, Timeout.InfiniteTimeSpan, deadline.Token).ConfigureAwait(false);
                var cluster = run.Cluster ?? throw new NoLeaderException();
                if (type == ReadBarrierType.Weak && !leader.IsRemote && !cluster.LeadershipToken.IsCancellationRequested)
                {
                    // Elected here while waiting.
                    return;
                }

                try
                {
                    await cluster.ApplyReadBarrierAsync(type, deadline.Token).ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (IsTransient(e, deadline.Token))
                {
                    // Try again below.
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

    // Failures that an election or a slow leader explains: the leader it knew is gone, unreachable or timed out (a request
    // to it cancelled by the transport, not by the deadline), or no longer leads.
    private static bool IsTransient(Exception e, CancellationToken deadline) => e switch
    {
        ObjectDisposedException => false,
        OperationCanceledException => !deadline.IsCancellationRequested,
        NotLeaderException or QuorumUnreachableException or MemberUnavailableException => true,
        TimeoutException or IOException or InvalidOperationException => true,
        _ => false,
    };
}
