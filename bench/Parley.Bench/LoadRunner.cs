using System.Diagnostics;

namespace Parley.Bench;

/// <summary>
/// A closed loop: <c>clients</c> workers each send one request, wait for the answer, and send the next, for a fixed
/// time. Every worker has its own connection (the handler allows one connection per worker).
/// </summary>
internal static class LoadRunner
{
    /// <summary>Runs <paramref name="request"/> in a closed loop: first for the warmup (discarded), then measured.</summary>
    /// <param name="name">The scenario's name in the results.</param>
    /// <param name="baseAddress">Where the requests go.</param>
    /// <param name="clients">How many workers (and connections).</param>
    /// <param name="warmup">How long to run before measuring.</param>
    /// <param name="duration">How long to measure.</param>
    /// <param name="request">Sends request number <c>n</c> of worker <c>w</c>; true when it succeeded.</param>
    /// <param name="cancellationToken">Stops the run early.</param>
    public static async Task<LoadResult> RunAsync(
        string name, Uri baseAddress, int clients, TimeSpan warmup, TimeSpan duration,
        Func<HttpClient, int, long, CancellationToken, Task<bool>> request, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var sequence = new long[clients];

        // Warm up: same loop, results thrown away.
        await RunWorkersAsync(http, clients, warmup, sequence, request, cancellationToken);
        var (latencies, failed, elapsed) = await RunWorkersAsync(http, clients, duration, sequence, request, cancellationToken);
        return LoadResult.From(name, latencies, failed, elapsed);
    }

    private static async Task<(List<long> Latencies, long Failed, TimeSpan Elapsed)> RunWorkersAsync(
        HttpClient http, int clients, TimeSpan duration, long[] sequence,
        Func<HttpClient, int, long, CancellationToken, Task<bool>> request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var end = duration;
        var workers = Enumerable.Range(0, clients).Select(w => Task.Run(async () =>
        {
            var latencies = new List<long>(capacity: 64 * 1024);
            long failed = 0;
            while (clock.Elapsed < end)
            {
                var n = sequence[w]++;
                var start = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await request(http, w, n, cancellationToken);
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                if (ok)
                {
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                }
                else
                {
                    failed++;
                }
            }

            return (latencies, failed);
        }, cancellationToken)).ToArray();

        var results = await Task.WhenAll(workers);
        clock.Stop();
        var all = new List<long>(results.Sum(r => r.latencies.Count));
        foreach (var (latencies, _) in results)
        {
            all.AddRange(latencies);
        }

        return (all, results.Sum(r => r.failed), clock.Elapsed);
    }
}
