using System.Threading.Channels;
using Grpc.Core;
using Parley.Core;
using Parley.Peering.V1;
using Parley.State.Commands;

namespace Parley.Peering.Stream;

internal sealed partial class PeerStreamSession
{
    // Bounds of one import run: what one Raft entry may carry. The inbound queue (64) usually ends a run first.
    private const int MaxRunServices = 256;
    private const int MaxRunBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Moves the exported services queued right behind <paramref name="run"/>'s first into it, up to the run's bounds;
    /// returns the first message of another kind it had to take (handled next, so the order is kept), or null.
    /// </summary>
    private static ReplicationMessage? TakeServiceRun(ChannelReader<ReplicationMessage> reader, List<ReplicationMessage.Types.Response> run)
    {
        var bytes = run[0].CalculateSize();
        while (run.Count < MaxRunServices && bytes < MaxRunBytes && reader.TryRead(out var next))
        {
            if (next.PayloadCase != ReplicationMessage.PayloadOneofCase.Response
                || next.Response.ResourceUrl != ResourceUrls.ExportedService)
            {
                return next;
            }

            run.Add(next.Response);
            bytes += next.Response.CalculateSize();
        }

        return null;
    }

    /// <summary>
    /// Imports a run of exported services in one Raft entry (a <see cref="Batch"/> applied in one transaction) and
    /// returns the ACK or NACK for each, in order. A rejected batch is applied again service by service, so only the
    /// service at fault is NACKed, exactly as when each came alone.
    /// </summary>
    private async Task<ReplicationMessage.Types.Request[]> HandleServiceResponsesAsync(
        List<ReplicationMessage.Types.Response> run, CancellationToken cancellationToken)
    {
        var arrived = _host.TimeProvider.GetTimestamp();
        var outcomes = new (string? Problem, StatusCode Code)[run.Count];
        var imports = new List<(int Slot, ReconcileImportedService Command)>(run.Count);
        for (var i = 0; i < run.Count; i++)
        {
            outcomes[i] = Refusal(run[i]);
            if (outcomes[i].Problem is not null)
            {
                continue;
            }

            try
            {
                if (PrepareImport(run[i].ResourceId, run[i].Resource) is { } import)
                {
                    imports.Add((i, import));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcomes[i] = UpsertFailed(run[i], e);
            }
        }

        await ApplyImportsAsync(run, imports, outcomes, cancellationToken);
        _host.Tracker.ServicesImported(PeeringId, imports.Where(i => outcomes[i.Slot].Problem is null).Select(i => i.Command.ServiceName));

        var elapsed = _host.TimeProvider.GetElapsedTime(arrived);
        var replies = new ReplicationMessage.Types.Request[run.Count];
        var succeeded = 0;
        for (var i = 0; i < run.Count; i++)
        {
            succeeded += outcomes[i].Problem is null ? 1 : 0;
            replies[i] = Reply(run[i], outcomes[i].Problem, outcomes[i].Code);
        }

        if (succeeded > 0)
        {
            _host.Tracker.ReceiveSucceeded(PeeringId, elapsed, succeeded);
        }

        return replies;
    }

    private async Task ApplyImportsAsync(
        List<ReplicationMessage.Types.Response> run,
        List<(int Slot, ReconcileImportedService Command)> imports,
        (string? Problem, StatusCode Code)[] outcomes,
        CancellationToken cancellationToken)
    {
        if (imports.Count > 1)
        {
            try
            {
                await ApplyAsync(new Batch([.. imports.Select(i => (Command)i.Command)]), cancellationToken);
                return;
            }
            catch (ParleyException)
            {
                // One service was refused, so nothing was written: find it by applying them one at a time below.
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                foreach (var (slot, _) in imports)
                {
                    outcomes[slot] = UpsertFailed(run[slot], e);
                }

                return;
            }
        }

        foreach (var (slot, command) in imports)
        {
            try
            {
                await ApplyAsync(command, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                outcomes[slot] = UpsertFailed(run[slot], e);
            }
        }
    }
}
