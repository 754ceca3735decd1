using System.Diagnostics;

namespace Parley.ClusterBench;

/// <summary>
/// A fixed number of requests sent by <c>clients</c> closed-loop workers (each sends one request, waits for the
/// answer, sends the next). A write counts once the server answered 200: committed on a majority's disk; a read once it
/// answered 200 (and, when a check is given, with the expected content).
/// </summary>
internal static class WriteLoad
{
    /// <summary>Sends <paramref name="writes"/> writes (after <paramref name="warmup"/> discarded ones); returns the figures.</summary>
    /// <param name="name">The row's name.</param>
    /// <param name="client">Where the writes go.</param>
    /// <param name="request">The request for an id (<c>prefix-n</c>, unique in the run).</param>
    /// <param name="clients">How many concurrent writers.</param>
    /// <param name="writes">How many measured writes.</param>
    /// <param name="warmup">How many writes first, not measured.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <param name="check">Whether an answer is right (reads: the value the key holds); null: any 2xx is.</param>
    public static async Task<WriteResult> RunAsync(
        string name, HttpClient client, Func<string, HttpRequestMessage> request, int clients, int writes, int warmup,
        CancellationToken cancellationToken, Func<string, HttpResponseMessage, Task<bool>>? check = null)
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        await RunAsync(client, request, check, clients, warmup, prefix + "-warm", cancellationToken);
        var clock = Stopwatch.StartNew();
        var (latencies, failed) = await RunAsync(client, request, check, clients, writes, prefix, cancellationToken);
        clock.Stop();
        return WriteResult.From(name, clients, latencies, failed, clock.Elapsed);
    }

    private static async Task<(List<long> Latencies, int Failed)> RunAsync(
        HttpClient client, Func<string, HttpRequestMessage> request, Func<string, HttpResponseMessage, Task<bool>>? check, int clients,
            int writes,
        string prefix, CancellationToken cancellationToken)
    {
        var next = -1;
        var failed = 0;
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>();
            int n;
            while ((n = Interlocked.Increment(ref next)) < writes)
            {
                var start = Stopwatch.GetTimestamp();
                var id = $"{prefix}-{n}";
                using var message = request(id);
                try
                {
                    using var response = await client.SendAsync(message, cancellationToken);
                    if (response.IsSuccessStatusCode && (check is null || await check(id, response)))
                    {
                        latencies.Add(Stopwatch.GetTimestamp() - start);
                        continue;
                    }
                }
                catch (HttpRequestException)
                {
                }

                Interlocked.Increment(ref failed);
            }

            return latencies;
        }, cancellationToken)).ToArray();
        var results = await Task.WhenAll(workers);
        return ([.. results.SelectMany(r => r)], failed);
    }
}
