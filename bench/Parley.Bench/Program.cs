using System.Globalization;
using Parley.Bench;
using Parley.Testing;

// The first scenario benchmark (issue 2): catalog register throughput, health read throughput, and the same read
// against a static Kestrel endpoint as the ceiling; all on loopback, in one process, in one run.
var options = BenchOptions.Parse(args);
if (options is null)
{
    return 2;
}

var ct = BenchRun.Start();

Console.WriteLine(
    $"clients: {options.Clients}, warmup {options.Warmup.TotalSeconds:F0} s, measured {options.Duration.TotalSeconds:F0} s per scenario, " +
    $"{options.Instances} instances in the read scenario");
Console.WriteLine();

await using var agent = await TestAgent.StartAsync(cancellationToken: ct);
var results = new List<LoadResult>();

// (a) Writes: every request registers a node never seen before, with one service instance; a 200 means the command
// was committed to the Raft log on disk and applied.
results.Add(await LoadRunner.RunAsync(
    "catalog register", agent.Address, options.Clients, options.Warmup, options.Duration,
    async (http, worker, n, token) =>
    {
        using var body = Scenarios.JsonContent(Scenarios.RegisterBody(worker, n));
        using var response = await http.PutAsync("/v1/catalog/register", body, token);
        return response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync(token) == "true";
    },
    ct));

// (b) Reads: one service with several instances, each on its own node with a passing check.
var readPath = await Scenarios.SeedReadServiceAsync(agent.Http, options.Instances, ct);
var (expectedBody, expectedHeaders) = await Scenarios.CaptureAsync(agent.Http, readPath, ct);
results.Add(await LoadRunner.RunAsync(
    "health service read", agent.Address, options.Clients, options.Warmup, options.Duration,
    (http, _, _, token) => Scenarios.ReadMatchesAsync(http, readPath, expectedBody.Length, token),
    ct));

// (c) The ceiling: the same bytes and headers from a static endpoint in the same process.
await using (var ceiling = await StaticEndpoint.StartAsync(readPath.Split('?')[0], expectedBody, expectedHeaders, ct))
{
    results.Add(await LoadRunner.RunAsync(
        "static Kestrel, same bytes", ceiling.Address, options.Clients, options.Warmup, options.Duration,
        (http, _, _, token) => Scenarios.ReadMatchesAsync(http, readPath, expectedBody.Length, token),
        ct));
}

Console.WriteLine($"read response: GET {readPath}, {expectedBody.Length} bytes");
Console.WriteLine();
Console.WriteLine("| scenario | requests/s | p50 | p99 | max | ok | failed |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Name} | {r.PerSecond:F0} | {Ms(r.P50)} | {Ms(r.P99)} | {Ms(r.Max)} | {r.Succeeded} | {r.Failed} |"));
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"health read / static ceiling: {results[1].PerSecond / results[2].PerSecond:P1} of the ceiling's requests/s"));
return results.Any(r => r.Failed > 0 || r.Succeeded == 0) ? 1 : 0;

static string Ms(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:F2} ms");
