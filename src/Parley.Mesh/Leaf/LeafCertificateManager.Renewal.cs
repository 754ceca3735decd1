namespace Parley.Mesh.Leaf;

public sealed partial class LeafCertificateManager
{
    // Task.Delay cannot wait longer than about 49 days; a leaf may live a year. The loop simply looks again.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromDays(1);

    /// <summary>
    /// Renews leaves when their time comes and schedules re-issues when the active root changes. Wakes on the earliest
    /// due time, on any state change (a rotation) and when a request issued a leaf (its renewal time is new).
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var stateChanged = store.NextChange;
            var kicked = _kick.Task;
            var next = RenewDue();
            var wait = next - timeProvider.GetUtcNow();
            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(
                wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestSleep ? LongestSleep : wait,
                timeProvider,
                sleep.Token);
            try
            {
                await Task.WhenAny(stateChanged, kicked, delay).WaitAsync(stoppingToken).ConfigureAwait(false);
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

    /// <summary>Handles every entry that is due and returns when the next one will be.</summary>
    private DateTimeOffset RenewDue()
    {
        var now = timeProvider.GetUtcNow();
        var activeRootId = ca.State(store.Current)?.ActiveRoot?.ID;
        var next = DateTimeOffset.MaxValue;
        foreach (var (key, entry) in _entries)
        {
            LeafCertificate? seen;
            DateTimeOffset due;
            lock (entry.Lock)
            {
                seen = entry.Current;
                if (seen is null)
                {
                    continue;
                }

                if (activeRootId is not null && seen.RootId != activeRootId && entry.ReissueAt is null)
                {
                    // Spread the re-issues of a rotation over the jitter window, as Consul does (with a shorter window).
                    entry.ReissueAt = now + (options.RootChangeJitter * Random.Shared.NextDouble());
                }

                due = entry.ReissueAt is { } reissue && reissue < entry.RenewAt ? reissue : entry.RenewAt;
            }

            if (due > now)
            {
                next = due < next ? due : next;
                continue;
            }

            if (now - entry.LastUsed > options.UnusedLifetime && entry.Current?.RootId == activeRootId)
            {
                // Nobody asked for it in a long time: stop renewing it (a later request issues a fresh one).
                _entries.TryRemove(new KeyValuePair<LeafKey, Entry>(key, entry));
                logger.LeafDropped(key.ToString());
                continue;
            }

            try
            {
                Issue(entry, seen);
            }
            catch (Exception e) when (e is Parley.Core.ParleyException or System.Security.Cryptography.CryptographicException)
            {
                logger.LeafRenewalFailed(key.ToString(), options.RetryDelay, e);
                lock (entry.Lock)
                {
                    entry.RenewAt = now + options.RetryDelay;
                    entry.ReissueAt = null;
                }
            }

            lock (entry.Lock)
            {
                var renew = entry.ReissueAt is { } r && r < entry.RenewAt ? r : entry.RenewAt;
                next = renew < next ? renew : next;
            }
        }

        return next;
    }
}
