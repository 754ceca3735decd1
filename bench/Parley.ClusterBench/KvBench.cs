using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Parley.ClusterBench;

/// <summary>
/// #12's KV benchmark: KV puts (committed) and gets per second on one Parley server and, in the same run, one etcd
/// member doing puts and ranges of the same keys and values through its v3 JSON gateway. With <c>--smoke</c>: a few
/// requests per run, every answer checked (puts acknowledged, gets return the value put), counts reported, no timings
/// judged — what test.sh runs.
/// </summary>
internal static class KvBench
{
    // 64 bytes: a typical small configuration value.
    private static readonly byte[] Value = Encoding.UTF8.GetBytes("""{"feature":"checkout","enabled":true,"rollout":25,"owner":"ops"}""");

    private static readonly string ValueBase64 = Convert.ToBase64String(Value);

    /// <summary>Runs the benchmark (or the smoke run); 0 when every request was answered as expected.</summary>
    public static async Task<int> RunAsync(Options options, bool smoke, CancellationToken cancellationToken)
    {
        var (requests, warmup, writers, keys) = smoke ? (50, 5, 4, 20) : (options.Writes, options.Warmup, options.Clients, 1000);
        Console.WriteLine(
            $"kv: {requests} requests per run after {warmup} warmup, 1 and {writers} clients; gets cycle over {keys} keys;" +
            $" {Value.Length}-byte values");
        Console.WriteLine("Parley: PUT /v1/kv/bench/<key> (committed), GET /v1/kv/bench/<key> (default consistency, JSON + base64)");
        Console.WriteLine("etcd: POST /v3/kv/put, POST /v3/kv/range (linearizable, etcd's default), both through the v3 JSON gateway");
        Console.WriteLine();

        var results = new List<(string System, string Operation, WriteResult Result)>();
        await using (var servers = await ParleyServers.StartAsync(options.Parley, 1, cancellationToken))
        {
            var leader = await servers.WaitForLeaderAsync([.. servers.Running], TimeSpan.FromSeconds(30), cancellationToken);
            results.AddRange(
                await RunSystemAsync("Parley", servers.Clients[leader], Parley, smoke, requests, warmup, writers, keys, cancellationToken));
        }

        if (options.Etcd is { } etcd)
        {
            await using var members = await EtcdMembers.StartAsync(etcd, 1, cancellationToken);
            results.AddRange(
                await RunSystemAsync("etcd", members.Clients[0], Etcd, smoke, requests, warmup, writers, keys, cancellationToken));
        }
        else
        {
            Console.WriteLine("etcd: not found; its rows are skipped (apt-get install -y etcd-server)");
        }

        Console.WriteLine("| system | operation | clients | requests | requests/s | p50 | p99 | max | failed |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (system, operation, r) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {system} | {operation} | {r.Clients} | {r.Writes} | {r.PerSecond:F0} | {Ms(r.P50)} | {Ms(r.P99)} | {Ms(r.Max)} " +
                    $"| {r.Failed} |"));
        }

        var wrong = results.Where(r => r.Result.Failed > 0 || r.Result.Writes != requests).ToList();
        if (smoke)
        {
            var failures = wrong.Select(
                r => $"{r.System} {r.Operation} x{r.Result.Clients}: {r.Result.Writes} ok, {r.Result.Failed} failed");
            Console.WriteLine(wrong.Count == 0
                ? $"kv smoke: {results.Count} runs of {requests} requests, every one answered as expected"
                : $"kv smoke: FAILED: {string.Join("; ", failures)}");
        }

        return wrong.Count == 0 ? 0 : 1;
    }

    private static async Task<List<(string, string, WriteResult)>> RunSystemAsync(
        string system, HttpClient client, KvApi api, bool smoke, int requests, int warmup, int writers, int keys,
            CancellationToken cancellationToken)
    {
        var rows = new List<(string, string, WriteResult)>();
        foreach (var clients in new[] { 1, writers })
        {
            rows.Add((system, "put", await WriteLoad.RunAsync(
                "put", client, id => api.Put("k-" + id), clients, requests, warmup, cancellationToken, smoke ? api.CheckPut : null)));
        }

        // The gets read keys that exist: seed them, then cycle over them.
        var seeded = await WriteLoad.RunAsync(
            "seed", client, id => api.Put("seed-" + Number(id)), writers, keys, 0, cancellationToken, api.CheckPut);
        if (seeded.Failed > 0)
        {
            throw new InvalidOperationException($"{system}: {seeded.Failed} of {keys} seed puts failed");
        }

        foreach (var clients in new[] { 1, writers })
        {
            rows.Add((system, "get", await WriteLoad.RunAsync(
                "get", client, id => api.Get("seed-" + (Number(id) % keys)), clients, requests, warmup, cancellationToken, smoke
                    ? api.CheckGet
                    : null)));
        }

        return rows;
    }

    private static readonly KvApi Parley = new(
        key => new HttpRequestMessage(HttpMethod.Put, "/v1/kv/bench/" + key) { Content = new ByteArrayContent(Value) },
        key => new HttpRequestMessage(HttpMethod.Get, "/v1/kv/bench/" + key),
        async (_, response) => await response.Content.ReadAsStringAsync() == "true",
        async (_, response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())?[0]?["Value"]?.ToString() == ValueBase64);

    private static readonly KvApi Etcd = new(
        key => new HttpRequestMessage(HttpMethod.Post, "/v3/kv/put") { Content = EtcdBody(key, ValueBase64) },
        key => new HttpRequestMessage(HttpMethod.Post, "/v3/kv/range") { Content = EtcdBody(key, null) },
        async (_, response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())?["header"] is not null,
        async (_, response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())?["kvs"]?[0]?["value"]?.ToString() == ValueBase64);

    private static StringContent EtcdBody(string key, string? value)
    {
        var body = new JsonObject { ["key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("/bench/" + key)) };
        if (value is not null)
        {
            body["value"] = value;
        }

        return new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
    }

    /// <summary>The n of an id <c>prefix-n</c>.</summary>
    private static int Number(string id) => int.Parse(id.AsSpan(id.LastIndexOf('-') + 1), CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:F2} ms");

    /// <summary>One system's KV requests and how to tell a right answer.</summary>
    private sealed record KvApi(
        Func<string, HttpRequestMessage> Put,
        Func<string, HttpRequestMessage> Get,
        Func<string, HttpResponseMessage, Task<bool>> CheckPut,
        Func<string, HttpResponseMessage, Task<bool>> CheckGet);
}
