using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using Grpc.Core;
using Grpc.Net.Client;
using Parley.Bench;
using Parley.Peering.V1;
using Parley.PeeringBench;

// The peering benchmark (issue 4): the floor (one Raft commit plus one gRPC round trip), the propagation of one check
// flip from exporter to importer at N exported services, and the initial sync of a large export; two (then three)
// real clusters in one process, on loopback, in one run.
var options = PeeringBenchOptions.Parse(args);
if (options is null)
{
    return 2;
}

var ct = BenchRun.Start();

Console.WriteLine(
    Inv($"sizes {string.Join(", ", options.Sizes)}; {options.Flips} flips per size; {options.FloorSamples} floor samples;") +
    Inv($" initial sync {options.SyncServices} services x {options.SyncInstances} instances; populate concurrency {options.Concurrency}"));
Console.WriteLine();

var started = await Task.WhenAll(BenchCluster.StartAsync("dc1", ct), BenchCluster.StartAsync("dc2", ct));
await using var exporter = started[0];
await using var importer = started[1];

// 1. Floor. (a) One Raft commit: a catalog register on the exporter, one at a time, time to the 200 "true".
const int FloorService = 99_999;
for (var i = 0; i < 20; i++)
{
    await exporter.RegisterAsync(FloorService, 0, i % 2 == 0 ? "critical" : "passing", ct);
}

var commitTicks = new List<long>();
for (var i = 0; i < options.FloorSamples; i++)
{
    var start = Stopwatch.GetTimestamp();
    await exporter.RegisterAsync(FloorService, 0, i % 2 == 0 ? "critical" : "passing", ct);
    commitTicks.Add(Stopwatch.GetTimestamp() - start);
}

// (b) One gRPC round trip to the exporter's peering listener (TLS, HTTP/2): a unary ExchangeSecret with an unknown
// peer ID, which the server looks up and rejects. The channel is warm; the server certificate is not checked
// (loopback, benchmark only).
var grpcTicks = new List<long>();
#pragma warning disable CA5359 // Loopback benchmark: the round trip is what is measured, not the peer's identity.
using (var handler = new SocketsHttpHandler
{
    SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    EnableMultipleHttp2Connections = false,
})
#pragma warning restore CA5359
using (var channel = GrpcChannel.ForAddress(exporter.GrpcTlsAddress, new GrpcChannelOptions { HttpHandler = handler }))
{
    var client = new PeerStreamService.PeerStreamServiceClient(channel);
    var request = new ExchangeSecretRequest { PeerId = Guid.NewGuid().ToString(), EstablishmentSecret = Guid.NewGuid().ToString() };
    string? outcome = null;
    for (var i = 0; i < 20 + options.FloorSamples; i++)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await client.ExchangeSecretAsync(request, cancellationToken: ct);
            outcome = "OK";
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Unavailable && e.StatusCode != StatusCode.Internal)
        {
            outcome = e.StatusCode.ToString();
        }

        if (i >= 20)
        {
            grpcTicks.Add(Stopwatch.GetTimestamp() - start);
        }
    }

    Console.WriteLine($"gRPC floor call: ExchangeSecret with an unknown peer ID, answered {outcome}");
}

var commit = LoadResult.From("Raft commit (catalog register, 1 in flight)", commitTicks, 0, TimeSpan.FromSeconds(1));
var grpc = LoadResult.From("gRPC unary round trip (ExchangeSecret, TLS)", grpcTicks, 0, TimeSpan.FromSeconds(1));
var floorP50 = commit.P50 + grpc.P50;
Console.WriteLine();
Console.WriteLine("| floor component | p50 | p99 | max | samples |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var r in new[] { commit, grpc })
{
    Console.WriteLine(Inv($"| {r.Name} | {Ms(r.P50)} | {Ms(r.P99)} | {Ms(r.Max)} | {r.Succeeded} |"));
}

Console.WriteLine(Inv($"floor = commit p50 + gRPC p50 = {Ms(floorP50)}  (p99 + p99 = {Ms(commit.P99 + grpc.P99)})"));
Console.WriteLine();

// 2. Propagation. Services [0, max N) with one instance and one check each, registered on the exporter.
var largest = options.Sizes[^1];
var populate = Stopwatch.StartNew();
await exporter.PopulateAsync(0, largest, [0], options.Concurrency, ct);
Console.WriteLine(
    Inv($"populated {largest} services x 1 instance on dc1 in {populate.Elapsed.TotalSeconds:F1} s ") +
    Inv($"({largest / populate.Elapsed.TotalSeconds:F0} registers/s)"));

await exporter.ExportAsync(options.Sizes[0], "dc2", ct);
var token = await exporter.GenerateTokenAsync("dc2", ct);
await importer.EstablishAsync("dc1", token, ct);
await exporter.WaitActiveAsync("dc2", ct);
await importer.WaitActiveAsync("dc1", ct);

var random = new Random(4);
var statuses = new Dictionary<int, string>();
var propagation = new List<(int N, LoadResult Flip, LoadResult Ack, TimeSpan Cpu)>();
foreach (var n in options.Sizes)
{
    var entriesBefore = importer.AppliedIndex;
    var syncUsage = Usage.Now();
    var sync = Stopwatch.StartNew();
    await exporter.ExportAsync(n, "dc2", ct);
    await BenchCluster.WaitUntilAsync(
        async () => await importer.ImportedServiceCountAsync("dc1", ct) >= n, TimeSpan.FromMinutes(10), $"dc2 imports {n} services", ct);
    sync.Stop();
    var syncSpent = Usage.Now() - syncUsage;
    Console.WriteLine(Inv(
        $"N = {n}: dc2 shows {n} imported services {sync.Elapsed.TotalSeconds:F2} s after the export entry was written ") +
            Inv($"({importer.AppliedIndex - entriesBefore} Raft entries on dc2; {syncSpent})"));

    var flipCpu = Usage.Now().Cpu;
    var flipTicks = new List<long>();
    var ackTicks = new List<long>();
    for (var f = 0; f < options.Flips; f++)
    {
        var service = random.Next(n);
        var name = BenchCluster.ServiceName(service);
        var old = statuses.GetValueOrDefault(service, "passing");
        var next = old == "passing" ? "critical" : "passing";

        // The importer's current view, and its index to block on.
        var (index, seen, _) = await importer.HealthAsync(name, "dc1", null, ct);
        var settle = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(seen.Count > 0 && seen.All(s => s == old)))
        {
            if (DateTime.UtcNow > settle)
            {
                throw new TimeoutException($"{name} never showed {old} on dc2 before its flip");
            }

            (index, seen, _) = await importer.HealthAsync(name, "dc1", index, ct);
        }

        var start = Stopwatch.GetTimestamp();
        var watch = Task.Run(
            async () =>
            {
                var (i, s, _) = await importer.HealthAsync(name, "dc1", index, ct);
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
                while (!(s.Count > 0 && s.All(x => x == next)))
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new TimeoutException($"{name} never showed {next} on dc2");
                    }

                    (i, s, _) = await importer.HealthAsync(name, "dc1", i, ct);
                }

                return Stopwatch.GetTimestamp();
            },
            ct);
        await exporter.RegisterAsync(service, 0, next, ct);
        ackTicks.Add(Stopwatch.GetTimestamp() - start);
        flipTicks.Add(await watch - start);
        statuses[service] = next;
    }

    propagation.Add((n, LoadResult.From(Inv($"N = {n}"), flipTicks, 0, TimeSpan.FromSeconds(1)),
        LoadResult.From("ack", ackTicks, 0, TimeSpan.FromSeconds(1)), Usage.Now().Cpu - flipCpu));
}

Console.WriteLine();
Console.WriteLine(
    "| exported services | flips | flip→importer p50 | p99 | max | p50 / floor | p99 / floor | exporter ack p50 | process CPU per flip |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var (n, flip, ack, cpu) in propagation)
{
    Console.WriteLine(
        Inv($"| {n} | {flip.Succeeded} | {Ms(flip.P50)} | {Ms(flip.P99)} | {Ms(flip.Max)} | {flip.P50 / floorP50:F1}x | ")
        + Inv($"{flip.P99 / floorP50:F1}x | {Ms(ack.P50)} | {Ms(cpu / flip.Succeeded)} |"));
}

Console.WriteLine();

// 3. Initial sync of a large export into a fresh importer.
if (options.SyncServices > 0)
{
    // Stop exporting to dc2 so that the population below does not stream to it.
    await exporter.DeletePeeringAsync("dc2", ct);
    populate.Restart();
    if (options.SyncServices > largest)
    {
        await exporter.PopulateAsync(largest, options.SyncServices, [0], options.Concurrency, ct);
    }

    await exporter.PopulateAsync(0, options.SyncServices, [.. Enumerable.Range(1, options.SyncInstances - 1)], options.Concurrency, ct);
    var registered = (long)options.SyncServices * options.SyncInstances - Math.Min(largest, options.SyncServices);
    Console.WriteLine(Inv(
        $"populated dc1 to {options.SyncServices} services x {options.SyncInstances} instances ({registered} more registers) ") +
            Inv($"in {populate.Elapsed.TotalSeconds:F1} s ({registered / populate.Elapsed.TotalSeconds:F0} registers/s)"));

    await using var fresh = await BenchCluster.StartAsync("dc3", ct);
    await exporter.ExportAsync(options.SyncServices, "dc3", ct);
    var syncToken = await exporter.GenerateTokenAsync("dc3", ct);
    var before = Memory();

    var indexBefore = fresh.AppliedIndex;
    var syncUsage = Usage.Now();
    var sync = Stopwatch.StartNew();
    await fresh.EstablishAsync("dc1", syncToken, ct);
    var established = sync.Elapsed;
    await BenchCluster.WaitUntilAsync(
        async () => await fresh.ImportedServiceCountAsync("dc1", ct) >= options.SyncServices,
        TimeSpan.FromMinutes(15), $"dc3 imports {options.SyncServices} services", ct);
    var allServices = sync.Elapsed;

    // Then every service must show all its instances; re-check the ones that do not yet until none is left.
    var pending = Enumerable.Range(0, options.SyncServices).ToList();
    var sweepDeadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
    var sweeps = 0;
    while (pending.Count > 0)
    {
        if (DateTime.UtcNow > sweepDeadline)
        {
            throw new TimeoutException($"{pending.Count} services never showed {options.SyncInstances} instances on dc3");
        }

        sweeps++;
        var incomplete = new System.Collections.Concurrent.ConcurrentBag<int>();
        await Parallel.ForEachAsync(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (s, token) =>
            {
                var (_, _, instances) = await fresh.HealthAsync(BenchCluster.ServiceName(s), "dc1", null, token);
                if (instances < options.SyncInstances)
                {
                    incomplete.Add(s);
                }
            });
        pending = [.. incomplete];
    }

    var allInstances = sync.Elapsed;
    var syncSpent = Usage.Now() - syncUsage;
    var entries = fresh.AppliedIndex - indexBefore;
    var after = Memory();
    Console.WriteLine("| initial sync | time from establish |");
    Console.WriteLine("|---|---:|");
    Console.WriteLine(Inv($"| establish call returned | {established.TotalSeconds:F2} s |"));
    Console.WriteLine(
        Inv($"| all {options.SyncServices} services listed by /v1/catalog/services?peer=dc1 | {allServices.TotalSeconds:F2} s |"));
    Console.WriteLine(
        Inv($"| all {options.SyncServices} x {options.SyncInstances} instances seen by /v1/health/service ({sweeps} sweeps) ") +
        Inv($"| {allInstances.TotalSeconds:F2} s |"));
    Console.WriteLine();
    Console.WriteLine(Inv(
        $"dc3 applied {entries} Raft entries for the establish and the sync of {options.SyncServices} services;") +
            Inv($" {syncSpent} (sweeps included)"));
    Console.WriteLine();
    Console.WriteLine("| process memory (dc1, dc2, dc3 in one process) | before establish | after sync | delta |");
    Console.WriteLine("|---|---:|---:|---:|");
    Console.WriteLine(Inv($"| GC heap after full collect | {MiB(before.Heap)} | {MiB(after.Heap)} | {MiB(after.Heap - before.Heap)} |"));
    Console.WriteLine(
        Inv($"| working set | {MiB(before.WorkingSet)} | {MiB(after.WorkingSet)} | {MiB(after.WorkingSet - before.WorkingSet)} |"));
}

Console.WriteLine();
Console.WriteLine(Inv($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}"));
return 0;

static (long Heap, long WorkingSet) Memory()
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    return (GC.GetTotalMemory(forceFullCollection: true), Environment.WorkingSet);
}

static string Ms(TimeSpan t) => Inv($"{t.TotalMilliseconds:F2} ms");

static string MiB(long bytes) => Inv($"{bytes / 1024.0 / 1024.0:F1} MiB");

static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
