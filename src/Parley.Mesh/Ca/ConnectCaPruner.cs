using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Mesh.Ca;

/// <summary>
/// The leader's routine that forgets rotated-out roots (Consul's <c>runCARootPruning</c>): a root inactive for more than
/// twice the current <c>LeafCertTTL</c> signed no leaf that is still valid, so nobody needs to trust it any more; it
/// leaves the roots list, the roots endpoints and the trust bundle sent to peers.
/// </summary>
/// <remarks>
/// Consul checks hourly; this routine sleeps until the next root is due (on <see cref="TimeProvider"/>, re-checking
/// leadership every <see cref="ConnectCaPrunerOptions.LeaderPoll"/>) and wakes on any state change, so a rotation or a new
/// <c>LeafCertTTL</c> is taken into account at once. Writes are check-and-set on the CA value, so a concurrent
/// reconfiguration is never undone.
/// </remarks>
public sealed class ConnectCaPruner(
    IReplicator replicator,
    StateStore store,
    IOptions<ConnectCaOptions> options,
    ConnectCaPrunerOptions prunerOptions,
    TimeProvider timeProvider,
    ILogger<ConnectCaPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = store.NextChange;
            var wait = prunerOptions.LeaderPoll;
            try
            {
                if (replicator.Status.IsLeader && await PruneAsync(stoppingToken) is { } due)
                {
                    var untilDue = due - timeProvider.GetUtcNow();
                    wait = untilDue < wait ? (untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue) : wait;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NoLeaderException or InvalidOperationException or ParleyException)
            {
                logger.CaPruneDeferred(e.Message);
            }

            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                await Task.WhenAny(changed, Task.Delay(wait, timeProvider, sleep.Token)).WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                await sleep.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Removes the roots that are due; returns when the next one will be, or null when none is waiting.</summary>
    private async Task<DateTimeOffset?> PruneAsync(CancellationToken cancellationToken)
    {
        var snapshot = store.Current;
        if (ConnectCaState.Read(snapshot) is not { } state || snapshot.GetSystemValue(ConnectCa.StateKey) is not { } value)
        {
            return null;
        }

        var keep = 2 * LeafCertTtl(state);
        var now = timeProvider.GetUtcNow();
        var inactive = state.Roots.Where(r => !r.Active).ToList();
        var due = inactive.Where(r => (r.RotatedOutAt ?? DateTimeOffset.MinValue) + keep <= now).ToList();
        if (due.Count > 0)
        {
            var pruned = state with { Roots = [.. state.Roots.Where(r => due.All(d => d.ID != r.ID))] };
            var result = await replicator.ApplyAsync(
                new SetSystemValue(ConnectCa.StateKey, pruned.ToJson(), Cas: value.ModifyIndex),
                cancellationToken);
            if (result.Value is true)
            {
                foreach (var root in due)
                {
                    logger.CaRootPruned(root.ID, root.RotatedOutAt);
                }
            }

            // Pruned or raced: either way the state changed, and the loop reads it again.
            return now;
        }

        return inactive.Count == 0 ? null : inactive.Min(r => (r.RotatedOutAt ?? now) + keep);
    }

    private static TimeSpan LeafCertTtl(ConnectCaState state)
    {
        try
        {
            return CaProviderConfig.Parse(state.Config?.Config).LeafCertTtl;
        }
        catch (ParleyException)
        {
            return new CaProviderConfig().LeafCertTtl;
        }
    }
}
