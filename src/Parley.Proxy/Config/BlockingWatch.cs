using Microsoft.Extensions.Logging;

namespace Parley.Proxy.Config;

/// <summary>
/// One blocking-query loop (Consul's <c>watch</c>): read with <c>?index=</c> the last index seen, hand the value on
/// when the index moved, retry failures with a growing delay, start over from index 0 when the index goes backwards
/// (the agent restarted or a snapshot was restored), and poll endpoints that do not block.
/// </summary>
/// <typeparam name="T">The decoded response.</typeparam>
/// <remarks>
/// Runs until its token fires; <c>onChange</c> is called from the loop on the thread pool (never on a socket's completion),
/// one call at a time.
/// </remarks>
internal sealed class BlockingWatch<T>(
    string name,
    Func<ulong, TimeSpan, CancellationToken, Task<(T Value, ulong Index)>> query,
    Action<T> onChange,
    WatchOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>Runs until <paramref name="cancellationToken"/> fires; never throws anything else.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ulong index = 0;
        var failures = 0;
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var (value, next) = await query(index, options.Wait, cancellationToken).ConfigureAwait(false);

                // In a proxy process the answer completes on the socket engine's event thread (inline completions), which
                // also carries the data plane: decoding is done, building a snapshot from it belongs to the thread pool.
                await Task.Yield();
                failures = 0;
                if (next == 0)
                {
                    // Not a blocking endpoint: every answer may be new, and the next read must wait.
                    onChange(value);
                    await Task.Delay(options.PollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (first || next != index)
                {
                    onChange(value);
                }

                first = false;
                index = next < index ? 0 : next;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var delay = options.RetryDelayAfter(failures);
                logger.WatchFailed(name, failures, delay, e.Message);
                try
                {
                    await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
