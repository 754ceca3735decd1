using System.Diagnostics;

namespace Parley.ClusterBench;

/// <summary>
/// A fixed number of writes sent by <c>clients</c> closed-loop workers (each sends one write, waits for the
/// acknowledgement, sends the next). A write counts once the server answered 200: committed on a majority's disk.
/// </summary>
internal static class WriteLoad
{
    /// <summary>Sends <paramref name="writes"/> writes (after <paramref name="warmup"/> discarded ones); returns the figures.</summary>
    /// <param name="name">The row's name.</param>
    /// <param name="client">Where the writes go.</param>
    /// <param name="body">The body of write number n.</param>
    /// <param name="path">The request path (PUT for Parley, POST for etcd).</param>
    /// <param name="method">The request method.</param>
    /// <param name="clients">How many concurrent writers.</param>
    /// <param name="writes">How many measured writes.</param>
    /// <param name="warmup">How many writes first, not measured.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<WriteResult> RunAsync(
        string name, HttpClient client, Func<string, HttpContent> body, string path, HttpMethod method, int clients, int writes, int warmup,
        CancellationToken cancellationToken)
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        await RunAsync(client, body, path, method, clients, warmup, prefix + "-warm", cancellationToken);
        var clock = Stopwatch.StartNew();
        var (latencies, failed) = await RunAsync(client, body, path, method, clients, writes, prefix, cancellationToken);
        clock.Stop();
        return WriteResult.From(name, clients, latencies, failed, clock.Elapsed);
    }

    private static async Task<(List<long> Latencies, int Failed)> RunAsync(
        HttpClient client, Func<string, HttpContent> body, string path, HttpMethod method, int clients, int writes, string prefix,
        CancellationToken cancellationToken)
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
                using var request = new HttpRequestMessage(method, path) { Content = body($"{prefix}-{n}") };
                try
                {
                    using var response = await client.SendAsync(request, cancellationToken);
                    if (response.IsSuccessStatusCode)
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
