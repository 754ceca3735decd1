using DotNext.Net.Cluster.Consensus.Raft;
using Parley.State;
using Parley.State.Commands;

namespace Parley.Consensus;

public sealed partial class RaftReplicator
{
    /// <summary>
    /// Encodes <paramref name="command"/>, appends it to the log, waits until it is committed (on disk on a majority)
    /// and applied here, and returns what <see cref="IReplicatedStateMachine.Apply"/> returned for that entry.
    /// </summary>
    /// <exception cref="NoLeaderException">This server is not the leader, or lost leadership before the entry committed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the entry may still be committed and applied later.</exception>
    /// <exception cref="CorruptCommandException">The entry could not be applied; the server is stopping.</exception>
    public async ValueTask<CommandResult> ApplyAsync(Command command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfFatal();

        var payload = CommandCodec.Encode(command);
        var cluster = _cluster ?? throw new NoLeaderException();
        if (cluster.Leader is not { IsRemote: false })
        {
            return await ForwardToLeaderAsync(cluster, payload, cancellationToken).ConfigureAwait(false);
        }

        // The waiter rides along with the entry (DotNext keeps it beside the log index in memory) and is completed
        // by the apply loop with the result of exactly this entry.
        var applied = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await RaftClusterExtensions.ReplicateAsync(cluster, payload, applied, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Waits until this server has applied every entry committed before the call; on the leader this first confirms
    /// with a heartbeat round that it still leads (so a read after it is linearizable).
    /// </summary>
    /// <exception cref="NoLeaderException">No leader is known or leadership could not be confirmed.</exception>
    public async ValueTask ReadBarrierAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfFatal();
        var cluster = _cluster ?? throw new NoLeaderException();
        try
        {
            await cluster.ApplyReadBarrierAsync(ReadBarrierType.Strong, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NotLeaderException or QuorumUnreachableException)
        {
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

    // The seam for issue 6: a follower sends the encoded command to the leader over the server port and returns the
    // leader's CommandResult. Until then a follower refuses writes the way Consul does without a leader.
    private static ValueTask<CommandResult> ForwardToLeaderAsync(RaftCluster cluster, byte[] payload, CancellationToken cancellationToken)
    {
        // TODO(#6): forward `payload` to `cluster.Leader` and return its result.
        _ = payload;
        _ = cancellationToken;
        return cluster.Leader is { } leader
            ? ValueTask.FromException<CommandResult>(
                new NoLeaderException($"This server is not the leader ({Format(leader.EndPoint)} is) and cannot forward writes yet"))
            : ValueTask.FromException<CommandResult>(new NoLeaderException());
    }
}
