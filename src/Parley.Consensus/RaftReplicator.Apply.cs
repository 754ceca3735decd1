using DotNext.Net.Cluster.Consensus.Raft;
using Parley.Consensus.Internal;
using Parley.Core.Time;
using Parley.State;
using Parley.State.Commands;

namespace Parley.Consensus;

public sealed partial class RaftReplicator
{
    // A follower waits this long at most for a forwarded write to be applied locally too (read-your-writes).
    private static readonly TimeSpan LocalApplyWait = TimeSpan.FromSeconds(2);

    // Pause between attempts while the leader is unknown or unreachable (an election is running).
    private static readonly TimeSpan LeaderRetryDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Encodes <paramref name="command"/>, appends it to the log (on a follower: forwards it to the leader over the server
    /// port), waits until it is committed (on disk on a majority) and applied here, and returns what
    /// <see cref="IReplicatedStateMachine.Apply"/> returned for that entry.
    /// </summary>
    /// <remarks>
    /// While no leader is known (an election, or a server still forming its cluster) the write waits, up to
    /// <see cref="RaftOptions.WriteTimeout"/> in all. A forwarded write returns once this server has applied it too, so a
    /// read here afterwards sees it.
    /// </remarks>
    /// <exception cref="NoLeaderException">
    /// No leader within <see cref="RaftOptions.WriteTimeout"/>, or leadership was lost after the entry was sent (it may or
    /// may not be applied).
    /// </exception>
    /// <exception cref="OperationCanceledException">Cancelled; the entry may still be committed and applied later.</exception>
    /// <exception cref="CorruptCommandException">The entry could not be applied; the server is stopping.</exception>
    public async ValueTask<CommandResult> ApplyAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfFatal();
        return await ApplyPayloadAsync(Run, CommandCodec.Encode(command), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until this server has applied every entry committed before the call. On the leader this first confirms with
    /// a heartbeat round that it still leads; on a follower it asks the leader for its commit index. Either way a read
    /// after it is linearizable.
    /// </summary>
    /// <remarks>
    /// A leader that is unreachable, times out or turns out not to lead is not an answer: the barrier waits for the next
    /// one and tries again, all within <see cref="RaftOptions.WriteTimeout"/>.
    /// </remarks>
    /// <exception cref="NoLeaderException">No leader confirmed the read within <see cref="RaftOptions.WriteTimeout"/>.</exception>
    public async ValueTask ReadBarrierAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfFatal();
        await ReadBarrierWithRetryAsync(Run, ReadBarrierType.Strong, cancellationToken).ConfigureAwait(false);
    }

    // The write path for an encoded entry (a command or an internal entry): on the leader append it here, on a follower
    // forward it; while no leader is known, wait and try again, all within WriteTimeout.
    private async Task<CommandResult> ApplyPayloadAsync(RaftRun run, byte[] payload, CancellationToken cancellationToken)
    {
        using var deadline = new Deadline(_options.WriteTimeout, _timeProvider, cancellationToken, run.Stopping);
        try
        {
            while (true)
            {
                var leader = await WaitForLeaderMemberAsync(run, Timeout.InfiniteTimeSpan, deadline.Token).ConfigureAwait(false);
                if (!leader.IsRemote)
                {
                    var local = await AppendHereAsync(run, payload, deadline.Token).ConfigureAwait(false);
                    if (local is not null)
                    {
                        return local;
                    }
                }
                else
                {
                    var forwarded = await ForwardAsync(run, Format(leader.EndPoint), payload, deadline.Token).ConfigureAwait(false);
                    if (forwarded is not null)
                    {
                        return forwarded;
                    }
                }

                // Nothing was appended: this server lost leadership first, or the leader it knew is gone. Try again.
                await Task.Delay(LeaderRetryDelay, _timeProvider, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ThrowIfFatal();
            throw new NoLeaderException();
        }
        catch (NoLeaderException e) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up; say so rather than blame the leader.
            throw new OperationCanceledException(e.Message, e, cancellationToken);
        }
    }

    // Appends on this server, which believes it leads. Null when it turned out not to lead before appending. The leader
    // path of a local write and of what a follower forwards (ServerRpcHandler).
    private async Task<CommandResult?> AppendHereAsync(RaftRun run, byte[] payload, CancellationToken cancellationToken)
    {
        var cluster = run.Cluster ?? throw new NoLeaderException();

        // The waiter rides along with the entry (DotNext keeps it beside the log index in memory) and is completed
        // by the apply loop with the result of exactly this entry.
        var applied = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (cluster.LeadershipToken.IsCancellationRequested)
        {
            return null;
        }

        var appended = _timeProvider.GetTimestamp();
        try
        {
            await RaftClusterExtensions.ReplicateAsync(cluster, payload, applied, cancellationToken).ConfigureAwait(false);
            _metrics.Committed(_timeProvider.GetElapsedTime(appended));
        }
        catch (Exception) when (applied.Task.IsFaulted)
        {
            // The apply of this entry failed (fail-stop); surface that error rather than the log's wrapper.
            return await applied.Task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is NotLeaderException or QuorumUnreachableException)
        {
            throw new NoLeaderException("Leadership lost while committing the write; it may or may not be applied");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !applied.Task.IsCompleted)
        {
            throw new NoLeaderException("Timed out waiting for the write to commit; it may or may not be applied");
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

        // ReplicateAsync returns once the log has applied the entry, so the waiter is complete by now.
        return await applied.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // Sends the entry to the leader and returns the leader's result, once applied here too. Null when the leader could
    // not be reached or is not the leader any more (nothing was appended).
    private async Task<CommandResult?> ForwardAsync(RaftRun run, string leader, byte[] payload, CancellationToken cancellationToken)
    {
        if (await run.Forwarder.ApplyAsync(leader, payload, cancellationToken).ConfigureAwait(false) is not { } forwarded)
        {
            return null;
        }

        await WaitForLocalApplyAsync(run, forwarded.Index, cancellationToken).ConfigureAwait(false);
        return forwarded.Result;
    }

    // Read-your-writes on a follower: the leader has applied the entry; wait (briefly) until this server has too.
    private async Task WaitForLocalApplyAsync(RaftRun run, long index, CancellationToken cancellationToken)
    {
        var adapter = run.Adapter;
        if (adapter.AppliedIndex >= index)
        {
            return;
        }

        using var wait = new Deadline(LocalApplyWait, _timeProvider, cancellationToken);
        try
        {
            await adapter.WaitForAppliedAsync(index, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Committed on the leader; this server will catch up. The write itself succeeded.
        }
    }
}
