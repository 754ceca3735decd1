using Microsoft.Extensions.Logging;

namespace Parley.Proxy.Config;

/// <summary>
/// What the sidecar's and the gateway's config sources share: the agent's datacenter read with retries, blocking watches
/// with the same options, clock and logger, and configuration warnings logged once each until they go away.
/// </summary>
/// <remarks>Not thread-safe for <see cref="ReportWarnings"/>: the sources call it under their own lock.</remarks>
internal sealed class WatchPlumbing(IAgentReads reads, WatchOptions options, TimeProvider timeProvider, ILogger logger)
{
    private HashSet<string> _warnings = [];

    /// <summary>The agent's datacenter, retried with the watch back-off until it answers; null when cancelled.</summary>
    public async Task<string?> DatacenterAsync(CancellationToken cancellationToken)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await reads.DatacenterAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception e)
            {
                var delay = options.RetryDelayAfter(failures);
                logger.WatchFailed("agent self", failures, delay, e.Message);
                try
                {
                    await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
        }
    }

    /// <summary>Runs one blocking watch until <paramref name="cancellationToken"/> fires.</summary>
    public Task Watch<T>(
        string name,
        Func<ulong, TimeSpan, CancellationToken, Task<(T Value, ulong Index)>> query,
        Action<T> onChange,
        CancellationToken cancellationToken) =>
        new BlockingWatch<T>(name, query, onChange, options, timeProvider, logger).RunAsync(cancellationToken);

    /// <summary>Logs the warnings not reported by the previous build (a warning that persists is logged once).</summary>
    public void ReportWarnings(IReadOnlyList<string> warnings)
    {
        var current = warnings.ToHashSet(StringComparer.Ordinal);
        foreach (var warning in current.Where(w => !_warnings.Contains(w)))
        {
            logger.ConfigurationWarning(warning);
        }

        _warnings = current;
    }
}
