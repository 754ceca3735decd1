using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;
using Parley.Testing;

namespace Parley.IntegrationTests.Cluster;

/// <summary>
/// Issue 6's peering fault test on both ends: a three-server acceptor exports services to a three-server dialer;
/// kill -9 of the acceptor's leader, then of the dialer's leader, each brings the stream back to ACTIVE within 10 s on
/// both sides, and every dialer server's imported instances stay identical and never read empty meanwhile.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class PeeringDialerFailoverTests
{
    private const string AcceptorName = "acceptor";
    private const string DialerName = "dialer";
    private const string PeeringStateActive = "ACTIVE";
    private const int InstancesPerService = 3;

    /// <summary>The issue's bound from kill -9 to ACTIVE again.</summary>
    private static readonly TimeSpan ActiveBound = TimeSpan.FromSeconds(10);

    private static readonly string[] Services = ["web", "api", "db"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcceptorLeaderThenDialerLeaderKilled_ActiveWithin10sAndImportsNeverChange()
    {
        await using var acceptor = await ServerCluster.StartAsync(3, Ct);
        await using var dialer = await ServerCluster.StartAsync(3, Ct);
        var acceptorLeader = await acceptor.WaitForLeaderAsync(acceptor.Running, ServerCluster.StartTimeout, Ct);
        var dialerLeader = await dialer.WaitForLeaderAsync(dialer.Running, ServerCluster.StartTimeout, Ct);

        await ExportServicesAsync(acceptor[acceptorLeader]);
        var token = await ClusterPeering.GenerateTokenAsync(acceptor[acceptorLeader], DialerName, servers: 3, Ct);
        await ClusterPeering.EstablishAsync(dialer[dialerLeader], AcceptorName, token, Ct);
        await WaitStreamUpAsync(dialer[dialerLeader], AcceptorName, since: DateTimeOffset.MinValue, TimeSpan.FromSeconds(30));
        await WaitStreamUpAsync(acceptor[acceptorLeader], DialerName, since: DateTimeOffset.MinValue, TimeSpan.FromSeconds(30));

        // Every dialer server holds the whole import (replicated from the dialer's leader) before anything is killed.
        var expected = await Eventually.ReadAsync(
            () => ImportedAsync(dialer[dialerLeader]),
            i => i is { } all && all.Count == Services.Length * InstancesPerService,
            TimeSpan.FromSeconds(30),
            "the import on the dialer's leader",
            Ct);
        foreach (var i in dialer.Running)
        {
            await Eventually.ReadAsync(
                () => ImportedAsync(dialer[i]), seen => seen is { } s && s.SequenceEqual(expected!), TimeSpan.FromSeconds(30),
                    $"the import on dialer server {i}", Ct);
        }

        await using var watcher = new ImportWatcher(dialer);

        // 1. The acceptor's leader.
        var clock = Stopwatch.StartNew();
        var killedAt = DateTimeOffset.UtcNow;
        await acceptor.KillAsync(acceptorLeader, Ct);
        var newAcceptorLeader = await acceptor.WaitForLeaderAsync(acceptor.Running, TimeSpan.FromSeconds(20), Ct);
        var acceptorElected = clock.Elapsed;
        await WaitStreamUpAsync(dialer[dialerLeader], AcceptorName, killedAt, TimeSpan.FromSeconds(30));
        var dialerSideBack1 = clock.Elapsed;
        await WaitStreamUpAsync(acceptor[newAcceptorLeader], DialerName, killedAt, TimeSpan.FromSeconds(30));
        var acceptorSideBack1 = clock.Elapsed;

        // 2. The dialer's leader: stop watching it first, so the watcher never reads from a dead process.
        await watcher.StopWatchingAsync(dialerLeader);
        clock.Restart();
        killedAt = DateTimeOffset.UtcNow;
        await dialer.KillAsync(dialerLeader, Ct);
        var newDialerLeader = await dialer.WaitForLeaderAsync(dialer.Running, TimeSpan.FromSeconds(20), Ct);
        var dialerElected = clock.Elapsed;
        await WaitStreamUpAsync(dialer[newDialerLeader], AcceptorName, killedAt, TimeSpan.FromSeconds(30));
        var dialerSideBack2 = clock.Elapsed;
        await WaitStreamUpAsync(acceptor[newAcceptorLeader], DialerName, killedAt, TimeSpan.FromSeconds(30));
        var acceptorSideBack2 = clock.Elapsed;

        // Once the new stream has delivered every service and the dialer has reconciled its import with them, stop watching.
        await ClusterPeering.WaitImportedSinceAsync(
            dialer[newDialerLeader], AcceptorName, Services, killedAt, TimeSpan.FromSeconds(30), Ct);
        var seen = await watcher.StopAsync();
        var after = new Dictionary<int, IReadOnlyList<string>?>();
        foreach (var i in dialer.Running)
        {
            after[i] = await ImportedAsync(dialer[i]);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"acceptor leader killed: new acceptor leader after {Ms(acceptorElected)};" +
                $" ACTIVE again on the dialer after {Ms(dialerSideBack1)}, " +
            $"on the acceptor after {Ms(acceptorSideBack1)}. Dialer leader killed: new dialer leader after {Ms(dialerElected)}; " +
            $"ACTIVE again on the dialer after {Ms(dialerSideBack2)}, on the acceptor after {Ms(acceptorSideBack2)}. " +
            $"{seen.Count} import reads on the dialer's servers meanwhile.");

        Assert.True(dialerSideBack1 <= ActiveBound, $"dialer ACTIVE {Ms(dialerSideBack1)} after the acceptor's leader was killed");
        Assert.True(acceptorSideBack1 <= ActiveBound, $"acceptor ACTIVE {Ms(acceptorSideBack1)} after its leader was killed");
        Assert.True(dialerSideBack2 <= ActiveBound, $"dialer ACTIVE {Ms(dialerSideBack2)} after its leader was killed");
        Assert.True(acceptorSideBack2 <= ActiveBound, $"acceptor ACTIVE {Ms(acceptorSideBack2)} after the dialer's leader was killed");
        Assert.Equal(dialer.Count, seen.Select(s => s.Server).Distinct().Count());
        Assert.All(seen, s => Assert.True(
            s.Instances is { } i && i.SequenceEqual(expected!),
            $"dialer server {s.Server} read {(s.Instances is null ? "an error" : $"{s.Instances.Count} instances")} during the failovers"));
        Assert.All(after, a => Assert.Equal(expected, a.Value));
    }

    private static string Ms(TimeSpan elapsed) => $"{elapsed.TotalMilliseconds:F0} ms";

    /// <summary>Registers <see cref="InstancesPerService"/> instances of each service on their own nodes and exports them all.</summary>
    private static async Task ExportServicesAsync(ParleyProcess server)
    {
        var n = 0;
        foreach (var service in Services)
        {
            for (var i = 0; i < InstancesPerService; i++, n++)
            {
                await server.Http.PutOkAsync(
                    "/v1/catalog/register",
                    $$$"""{"Node": "node-{{{n}}}", "Address": "10.4.0.{{{n + 1}}}", "Service": {"ID": "{{{service}}}-{{{i}}}",""" +
                        $$$""" "Service": "{{{service}}}", "Port": {{{8080 + i}}}}}""",
                    Ct);
            }
        }

        var consumers = string.Join(", ", Services.Select(s => $$$"""{"Name": "{{{s}}}", "Consumers": [{"Peer": "{{{DialerName}}}"}]}"""));
        await server.Http.PutOkAsync(
            "/v1/config",
            $$$"""{"Kind": "exported-services", "Name": "default", "Services": [{{{consumers}}}]}""",
            Ct);
    }

    /// <summary>
    /// Waits until <paramref name="server"/> (a leader) reports the peering ACTIVE with traffic on its stream at or after
    /// <paramref name="since"/> — something received, or something sent (a new stream starts with subscriptions and the
    /// exported lists; an acceptor that exports nothing back may otherwise receive only the peer's heartbeat, every 15 s):
    /// a stream that is really back, not a status left over from before the kill.
    /// </summary>
    private static Task<string> WaitStreamUpAsync(ParleyProcess server, string peer, DateTimeOffset since, TimeSpan timeout) =>
        Eventually.ReadAsync(
            async () =>
            {
                var body = await ClusterPeering.PeeringAsync(server, peer, Ct);
                var state = body?["State"]?.GetValue<string>();
                var lastReceive = body?["StreamStatus"]?["LastReceive"]?.GetValue<string>();
                var lastSend = body?["StreamStatus"]?["LastSend"]?.GetValue<string>();
                var up = state == PeeringStateActive && (IsAtOrAfter(lastReceive, since) || IsAtOrAfter(lastSend, since));
                return up ? "up" : $"{state ?? "unreadable"} (last receive {lastReceive ?? "none"}, last send {lastSend ?? "none"})";
            },
            s => s == "up",
            timeout,
            $"the stream of peering {peer} to be back",
            Ct);

    private static bool IsAtOrAfter(string? time, DateTimeOffset since) =>
        time is not null && DateTimeOffset.Parse(time, CultureInfo.InvariantCulture) >= since;

    /// <summary>Every imported instance of every service, as sorted lines, read with <c>?stale</c>; null if the read failed.</summary>
    private static async Task<IReadOnlyList<string>?> ImportedAsync(ParleyProcess server)
    {
        var lines = new List<string>();
        try
        {
            foreach (var service in Services)
            {
                using var response = await server.Http.GetAsync(
                    $"/v1/health/service/{service}?peer={AcceptorName}&stale", CancellationToken.None);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return null;
                }

                var entries = JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None))!.AsArray();
                lines.AddRange(entries.Select(e =>
                    $"{e!["Node"]!["Node"]} {e["Node"]!["Address"]} {e["Service"]!["ID"]} {e["Service"]!["Port"]}"));
            }
        }
        catch (HttpRequestException)
        {
            return null;
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Reads the import of every watched dialer server continuously; a server is unwatched before it is killed.</summary>
    private sealed class ImportWatcher : IAsyncDisposable
    {
        private readonly SemaphoreSlim _round = new(1, 1);
        private readonly List<int> _watched;
        private readonly List<(int Server, IReadOnlyList<string>? Instances)> _seen = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public ImportWatcher(ServerCluster cluster)
        {
            _watched = [.. cluster.Running];
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    await _round.WaitAsync(CancellationToken.None);
                    try
                    {
                        foreach (var i in _watched)
                        {
                            _seen.Add((i, await ImportedAsync(cluster[i])));
                        }
                    }
                    finally
                    {
                        _round.Release();
                    }

                    await Task.Delay(25, CancellationToken.None);
                }
            }, CancellationToken.None);
        }

        /// <summary>Stops reading from <paramref name="server"/>; returns between two rounds, so no read of it is in flight.</summary>
        public async Task StopWatchingAsync(int server)
        {
            await _round.WaitAsync(Ct);
            _watched.Remove(server);
            _round.Release();
        }

        /// <summary>Stops and returns every read made.</summary>
        public async Task<List<(int Server, IReadOnlyList<string>? Instances)>> StopAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            return [.. _seen];
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
            _round.Dispose();
        }
    }
}
