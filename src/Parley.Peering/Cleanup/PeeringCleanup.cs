using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Peering;
using Parley.Peering.Backend;
using Parley.Peering.Stream;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Peering.Cleanup;

/// <summary>
/// The leader's deletion routine (Consul's peering deferred deletion): for every peering that is DELETING or
/// TERMINATED, closes a live stream with <c>Terminated</c>, deletes what was imported from that peer in bounded
/// batches (nodes, then the trust bundle), and — for DELETING only — finally removes the record.
/// </summary>
/// <remarks>
/// Driven only by the stored state, so a deletion interrupted by a restart or a leader change resumes on the
/// next leader. TERMINATED records stay until an operator deletes them, as in Consul. A DELETING peering this cluster
/// dials keeps its stream secret until the record goes; when no stream on this server told the acceptor, one bounded
/// attempt (<see cref="PeerTerminator"/>) opens a stream just to say <c>Terminated</c>, whatever its outcome the
/// deletion goes on, so a leader that died before its stream said it does not leave the acceptor FAILING for good.
/// </remarks>
public sealed class PeeringCleanup(
    PeerStreamHost streams,
    IReplicator replicator,
    StateStore store,
    IOptions<PeeringOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    ILogger<PeeringCleanup> logger) : BackgroundService
{
    /// <summary>How often leadership is re-checked, and a failed cleanup retried, when nothing changes.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>Peerings this server already made its one attempt to tell (until their record is gone).</summary>
    private readonly HashSet<string> _told = new(StringComparer.Ordinal);

    /// <summary>How long the last <c>Terminated</c> may keep trying before deletion goes on; 5 s by default.</summary>
    internal TimeSpan TerminateBudget { get; init; } = PeerTerminator.DefaultBudget;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        Task? poll = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = store.NextChange;
            if (replicator.Status.IsLeader)
            {
                await CleanUpAsync(store.Current, stoppingToken);
            }

            poll ??= Task.Delay(Poll, timeProvider, stoppingToken);
            await Task.WhenAny(changed, poll);
            if (poll.IsCompleted)
            {
                poll = null;
            }
        }
    }

    /// <summary>One pass over the inactive peerings of <paramref name="snapshot"/>.</summary>
    private async Task CleanUpAsync(StateSnapshot snapshot, CancellationToken cancellationToken)
    {
        // What is remembered per peering goes with its record.
        _told.RemoveWhere(id => snapshot.GetPeeringById(id) is null);
        foreach (var id in streams.TerminatedSent.Where(id => snapshot.GetPeeringById(id) is null))
        {
            streams.ForgetTerminatedSent(id);
        }

        foreach (var peering in snapshot.Peerings().Where(p => !p.IsActive).ToList())
        {
            try
            {
                await CleanUpAsync(peering, cancellationToken);
            }
            catch (Exception e) when (e is ParleyException or NoLeaderException or TimeoutException ||
                                      (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                logger.CleanupFailed(peering.Name, e.Message);
            }
        }
    }

    private async Task CleanUpAsync(State.Peering.PeeringRecord peering, CancellationToken cancellationToken)
    {
        // The stream's own exporter notices too; this covers a stream between two of its checks.
        var streaming = streams.Terminate(peering.ID);
        if (peering.State == PeeringState.Deleting && !streaming)
        {
            await TellPeerAsync(peering, cancellationToken);
        }

        var deleted = 0;
        var left = ImportedNodeCount(store.Current, peering.Name);
        while (left > 0 || store.Current.GetTrustBundle(peering.Name) is not null)
        {
            var delete = new DeleteImportedData(peering.Name, options.Value.DeletionBatchSize);
            var result = await replicator.ApplyAsync(delete, cancellationToken);
            result.ThrowIfRejected();
            var now = ImportedNodeCount(store.Current, peering.Name);
            if (now == left && store.Current.GetTrustBundle(peering.Name) is not null)
            {
                // No progress: try again on the next pass rather than spin.
                break;
            }

            deleted += left - now;
            left = now;
        }

        if (deleted > 0)
        {
            logger.ImportedDataDeleted(deleted, peering.Name);
        }

        if (peering.State == PeeringState.Deleting && store.Current.GetPeeringById(peering.ID) is { State: PeeringState.Deleting })
        {
            var result = await replicator.ApplyAsync(new DeletePeering(peering.ID), cancellationToken);
            result.ThrowIfRejected();
            logger.PeeringDeleted(peering.Name);
        }
    }

    /// <summary>
    /// The one attempt to say <c>Terminated</c> for a deleted peering this cluster dials, when it kept its stream secret
    /// and no stream on this server said it; logged, never thrown, so the deletion goes on whatever the peer does.
    /// </summary>
    private async Task TellPeerAsync(State.Peering.PeeringRecord peering, CancellationToken cancellationToken)
    {
        if (!peering.ShouldDial || streams.SentTerminated(peering.ID) ||
            store.Current.GetPeeringSecrets(peering.ID)?.ActiveStreamSecret is not { Length: > 0 } secret || !_told.Add(peering.ID))
        {
            return;
        }

        var terminator = new PeerTerminator(options.Value, timeProvider, loggerFactory) { Budget = TerminateBudget };
        var result = await terminator.TellAsync(
            peering,
            secret,
            PeeringAddresses.Dial(store.Current, peering.DialAddresses),
            cancellationToken);
        switch (result.Outcome)
        {
            case PeerTerminationOutcome.Told:
                logger.PeerToldTerminated(peering.Name, result.Address, result.Attempts);
                break;
            case PeerTerminationOutcome.AlreadyKnown:
                logger.PeerAlreadyTerminated(peering.Name, result.Address, result.Detail);
                break;
            default:
                logger.PeerNotTold(peering.Name, result.Outcome, result.Attempts, result.Detail);
                break;
        }
    }

    private static int ImportedNodeCount(StateSnapshot snapshot, string peerName) => snapshot.Nodes(peerName).Count();
}
