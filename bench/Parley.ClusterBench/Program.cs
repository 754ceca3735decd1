using System.Diagnostics;
using System.Globalization;
using Parley.Bench;
using Parley.ClusterBench;

// Issue 6's benchmark: committed writes per second and commit latency on one and three Parley servers (one writer, and
// many writers whose entries the leader batches), etcd doing the same number of puts on one and three members as the
// anchor, and the leader failover time over repeated kill -9 of the leader. Real processes on loopback, one machine.
var options = Options.Parse(args);
var ct = BenchRun.Start();
if (args.FirstOrDefault() == "kv")
{
    // #12's KV put/get benchmark against etcd (bench/kv/run.sh); --smoke is test.sh's check of it.
    return await KvBench.RunAsync(options, args.Contains("--smoke"), ct);
}

Console.WriteLine($"parley: {options.Parley}");
Console.WriteLine($"etcd: {(options.Etcd is null ? "not found; skipped" : EtcdMembers.Describe(options.Etcd))}");
Console.WriteLine($"writes per run: {options.Writes} (after {options.Warmup} warmup writes); batched runs use {options.Clients} writers");
Console.WriteLine();

var results = new List<(string System, int Servers, WriteResult Result)>();
foreach (var count in new[] { 1, 3 })
{
    await using var servers = await ParleyServers.StartAsync(options.Parley, count, ct);
    var leader = await servers.WaitForLeaderAsync([.. servers.Running], TimeSpan.FromSeconds(30), ct);
    foreach (var clients in new[] { 1, options.Clients })
    {
        results.Add(("Parley", count, await WriteLoad.RunAsync(
            "to the leader", servers.Clients[leader], Requests.Put("/v1/catalog/register", ParleyServers.RegisterBody),
            clients, options.Writes, options.Warmup, ct)));
        if (count > 1)
        {
            var follower = servers.Running.First(i => i != leader);
            results.Add(("Parley", count, await WriteLoad.RunAsync(
                "to a follower (forwarded)", servers.Clients[follower], Requests.Put("/v1/catalog/register", ParleyServers.RegisterBody),
                clients, options.Writes, options.Warmup, ct)));
        }
    }
}

if (options.Etcd is { } etcd)
{
    foreach (var count in new[] { 1, 3 })
    {
        await using var members = await EtcdMembers.StartAsync(etcd, count, ct);
        var leader = await members.LeaderAsync(ct);
        foreach (var clients in new[] { 1, options.Clients })
        {
            results.Add(("etcd", count, await WriteLoad.RunAsync(
                "to the leader", members.Clients[leader], Requests.Post("/v3/kv/put", EtcdMembers.PutBody),
                clients, options.Writes, options.Warmup, ct)));
        }
    }
}

Console.WriteLine("| system | servers | writes sent | writers | writes/s | p50 | p99 | max | failed |");
Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|");
foreach (var (system, count, r) in results)
{
    Console.WriteLine(
        Invariant(
        $"| {system} | {count} | {r.Name} | {r.Clients} | {r.PerSecond:F0} | {Ms(r.P50)} | {Ms(r.P99)} | {Ms(r.Max)} | {r.Failed} |"));
}

Console.WriteLine();

// Failover: kill -9 the leader of three servers, time until both survivors name the same new leader, and until a write
// sent to a survivor is acknowledged; bring the killed server back before the next round.
if (options.Kills > 0)
{
    await using var servers = await ParleyServers.StartAsync(options.Parley, 3, ct);
    Console.WriteLine("| kill | new leader agreed | first write acknowledged |");
    Console.WriteLine("|---:|---:|---:|");
    var elected = new List<double>();
    var writable = new List<double>();
    for (var kill = 1; kill <= options.Kills; kill++)
    {
        var leader = await servers.WaitForLeaderAsync([.. servers.Running], TimeSpan.FromSeconds(30), ct);
        var survivors = servers.Running.Where(i => i != leader).ToList();
        var clock = Stopwatch.StartNew();
        await servers.KillAsync(leader);
        await servers.WaitForLeaderAsync(survivors, TimeSpan.FromSeconds(30), ct);
        var electedAfter = clock.Elapsed.TotalMilliseconds;
        while (true)
        {
            using var response =
                await servers.Clients[survivors[0]].PutAsync("/v1/catalog/register", ParleyServers.RegisterBody($"failover-{kill}"), ct);
            if (response.IsSuccessStatusCode)
            {
                break;
            }
        }

        var writableAfter = clock.Elapsed.TotalMilliseconds;
        elected.Add(electedAfter);
        writable.Add(writableAfter);
        Console.WriteLine(Invariant($"| {kill} | {electedAfter:F0} ms | {writableAfter:F0} ms |"));
        await servers.RestartAsync(leader, ct);
    }

    elected.Sort();
    writable.Sort();
    Console.WriteLine(Invariant(
        $"| median / max | {elected[elected.Count / 2]:F0} / {elected[^1]:F0} ms ") +
            Invariant($"| {writable[writable.Count / 2]:F0} / {writable[^1]:F0} ms |"));
}

return results.Any(r => r.Result.Failed > 0) ? 1 : 0;

static string Ms(TimeSpan t) => Invariant($"{t.TotalMilliseconds:F2} ms");

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
