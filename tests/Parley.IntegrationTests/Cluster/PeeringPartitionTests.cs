using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;
using Parley.IntegrationTests.Peering;
using Parley.Testing;

namespace Parley.IntegrationTests.Cluster;

/// <summary>
/// A network partition between two three-server clusters of real processes: the dialer reaches every acceptor server only
/// through a freezable TCP relay (the token's <c>ServerExternalAddresses</c>). Frozen, both leaders report FAILING with
/// <c>heartbeat timeout</c> once the (configured) heartbeat timeout has passed and the imports stay; the acceptor's exports
/// change meanwhile; thawed, both sides are ACTIVE again and every dialer server holds exactly what the acceptor exports.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class PeeringPartitionTests
{
    private const string AcceptorName = "acceptor";
    private const string DialerName = "dialer";

    /// <summary>Short heartbeats through the <c>peering</c> config block, so the partition shows within seconds.</summary>
    private const string FastHeartbeats = """
        peering {
          heartbeat_interval = "1s"
          heartbeat_timeout  = "6s"
        }

        """;

    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(6);

    /// <summary>Every service that is exported at some point; the dialer is asked about all of them.</summary>
    private static readonly string[] Services = ["web", "api", "db"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LinkCut_FailingAfterHeartbeatTimeoutThenActive_ImportsReconciledExactly()
    {
        await using var acceptor = await ServerCluster.StartAsync(3, FastHeartbeats, Ct);
        await using var dialer = await ServerCluster.StartAsync(3, "datacenter = \"dc2\"\n" + FastHeartbeats, Ct);
        await using var relay0 = new TcpRelay(acceptor.PortsOf(0).GrpcTls);
        await using var relay1 = new TcpRelay(acceptor.PortsOf(1).GrpcTls);
        await using var relay2 = new TcpRelay(acceptor.PortsOf(2).GrpcTls);
        TcpRelay[] relays = [relay0, relay1, relay2];

        // Writes and peering states go to whichever server leads at the time: on a loaded machine a leader can change.
        await WriteAsync(acceptor, "/v1/catalog/register", Registration("node-1", "10.1.0.1", "web", "web-1", 8080, "passing"));
        await WriteAsync(acceptor, "/v1/catalog/register", Registration("node-2", "10.1.0.2", "web", "web-2", 8080, "passing"));
        await WriteAsync(acceptor, "/v1/catalog/register", Registration("node-3", "10.1.0.3", "web", "web-3", 8081, "warning"));
        await WriteAsync(acceptor, "/v1/catalog/register", Registration("node-1", "10.1.0.1", "api", "api-1", 9090, "passing"));
        await WriteAsync(acceptor, "/v1/config", ExportedServices("web", "api"));

        // The dialer is only ever told the relays' addresses.
        var token = await Eventually.ReadAsync(
            async () => await ClusterPeering.TryGenerateTokenAsync(
                await LeaderAsync(acceptor), DialerName, [.. relays.Select(r => r.Address)], Ct),
            t => t is not null,
            TimeSpan.FromSeconds(30),
            "a peering token",
            Ct);
        await ClusterPeering.EstablishAsync(() => LeaderAsync(dialer), AcceptorName, token!, Ct);
        await WaitForStateAsync(dialer, AcceptorName, "ACTIVE", TimeSpan.FromSeconds(60));
        await WaitForStateAsync(acceptor, DialerName, "ACTIVE", TimeSpan.FromSeconds(60));
        var exportedBefore = await ExportedAsync(await LeaderAsync(acceptor), ["web", "api"]);
        await WaitForImportsAsync(dialer, exportedBefore, TimeSpan.FromSeconds(60));
        await Eventually.ReadAsync(
            async ()
                => (await PeeringAsync(await LeaderAsync(dialer), AcceptorName))?["StreamStatus"]?["LastHeartbeat"]?.GetValue<string>(),
            h => h is not null,
            TimeSpan.FromSeconds(30),
            "a heartbeat received by the dialer",
            Ct);

        // Cut: connections stay open, no byte moves, so only the heartbeat watchdog can notice.
        var clock = Stopwatch.StartNew();
        foreach (var relay in relays)
        {
            relay.Freeze();
        }

        var dialerFailing = await WaitForFailingAsync(dialer, AcceptorName, HeartbeatTimeout + TimeSpan.FromSeconds(60));
        var dialerFailingAfter = clock.Elapsed;
        var acceptorFailing = await WaitForFailingAsync(acceptor, DialerName, HeartbeatTimeout + TimeSpan.FromSeconds(60));
        var acceptorFailingAfter = clock.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"link cut: dialer FAILING after {dialerFailingAfter.TotalSeconds:F1} s," +
                $" acceptor after {acceptorFailingAfter.TotalSeconds:F1} s " +
            $"(heartbeat timeout {HeartbeatTimeout.TotalSeconds} s)");
        Assert.Contains("heartbeat timeout", dialerFailing, StringComparison.Ordinal);
        Assert.Contains("heartbeat timeout", acceptorFailing, StringComparison.Ordinal);

        // Nothing but the watchdog can have noticed a frozen link, so neither side may fail before the timeout.
        Assert.True(dialerFailingAfter >= HeartbeatTimeout - TimeSpan.FromSeconds(1), $"dialer FAILING after only {dialerFailingAfter}");
        Assert.True(
            acceptorFailingAfter >= HeartbeatTimeout - TimeSpan.FromSeconds(1), $"acceptor FAILING after only {acceptorFailingAfter}");

        // A broken stream keeps the imports on every dialer server.
        await AssertImportsAsync(dialer, exportedBefore);

        // While cut: a new instance, a deregistered one, a check gone critical, a newly exported service, a service no
        // longer exported (still registered on the acceptor).
        await WriteAsync(acceptor, "/v1/catalog/register", Registration("node-4", "10.1.0.4", "web", "web-4", 8082, "passing"));
        await WriteAsync(acceptor, "/v1/catalog/deregister", """{"Node": "node-2", "ServiceID": "web-2"}""");
        await WriteAsync(acceptor, "/v1/catalog/register", Registration("node-3", "10.1.0.3", "web", "web-3", 8081, "critical"));
        await WriteAsync(acceptor, "/v1/catalog/register", Registration("node-5", "10.1.0.5", "db", "db-1", 5432, "passing"));
        await WriteAsync(acceptor, "/v1/config", ExportedServices("web", "db"));
        var exportedAfter = await ExportedAsync(await LeaderAsync(acceptor), ["web", "db"]);
        Assert.NotEqual(exportedBefore, exportedAfter);

        // The link is really cut: a stream the dialer tried after those writes has failed too (over a working link it
        // would have stayed up and this wait would time out), and the dialer still holds the old exports.
        var written = DateTimeOffset.UtcNow;
        await Eventually.ReadAsync(
            async () => (await PeeringAsync(await LeaderAsync(dialer), AcceptorName))?["StreamStatus"]?["LastError"]?["Time"]?
                .GetValue<string>(),
            at => at is not null && DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) > written,
            HeartbeatTimeout + TimeSpan.FromSeconds(60),
            "a stream failure on the dialer after the writes",
            Ct);
        await AssertImportsAsync(dialer, exportedBefore);

        clock.Restart();
        foreach (var relay in relays)
        {
            relay.Thaw();
        }

        await WaitForStateAsync(dialer, AcceptorName, "ACTIVE", TimeSpan.FromSeconds(90));
        await WaitForStateAsync(acceptor, DialerName, "ACTIVE", TimeSpan.FromSeconds(30));
        await WaitForImportsAsync(dialer, exportedAfter, TimeSpan.FromSeconds(60));
        TestContext.Current.TestOutputHelper?.WriteLine($"healed: ACTIVE and reconciled {clock.Elapsed.TotalSeconds:F1} s after the thaw");

        // The service no longer exported is gone from the dialer, everywhere.
        foreach (var i in dialer.Running)
        {
            var names = await dialer[i].Http.GetJsonAsync<JsonObject>($"/v1/catalog/services?peer={AcceptorName}&stale", Ct);
            Assert.False(names.ContainsKey("api"), $"server {i} still imports api: {names.ToJsonString()}");
            Assert.Empty(await dialer[i].Http.GetJsonAsync<JsonArray>($"/v1/health/service/api?peer={AcceptorName}&stale", Ct));
        }
    }

    private static string Registration(string node, string address, string service, string id, int port, string status) => $$$"""
        {"Node": "{{{node}}}", "Address": "{{{address}}}",
         "Service": {"ID": "{{{id}}}", "Service": "{{{service}}}", "Port": {{{port}}}},
         "Check": {"CheckID": "{{{id}}}-alive", "Name": "{{{id}}} alive", "ServiceID": "{{{id}}}", "Status": "{{{status}}}"}}
        """;

    private static string ExportedServices(params string[] services) =>
        new JsonObject
        {
            ["Kind"] = "exported-services",
            ["Name"] = "default",
            ["Services"] = new JsonArray([.. services.Select(s => (JsonNode)new JsonObject
            {
                ["Name"] = s,
                ["Consumers"] = new JsonArray(new JsonObject { ["Peer"] = DialerName }),
            })]),
        }.ToJsonString();

    private static async Task<JsonNode?> PeeringAsync(ParleyProcess server, string peer)
    {
        using var response = await server.Http.GetAsync($"/v1/peering/{peer}", Ct);
        return response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct)) : null;
    }

    /// <summary>The server <paramref name="cluster"/>'s servers agree leads now (stream states are the leader's).</summary>
    private static async Task<ParleyProcess> LeaderAsync(ServerCluster cluster) =>
        cluster[await cluster.WaitForLeaderAsync(cluster.Running, TimeSpan.FromSeconds(60), Ct)];

    /// <summary>
    /// PUTs through the current leader. Every write here is idempotent, so one that failed across a leader change (a
    /// 5xx such as "Leadership lost while committing the write") is simply sent again to the new leader.
    /// </summary>
    private static async Task WriteAsync(ServerCluster cluster, string path, string body)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await (await LeaderAsync(cluster)).Http.PutJsonAsync(path, body, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(
                (int)response.StatusCode >= 500 && attempt < 5,
                $"PUT {path} (attempt {attempt}): {(int)response.StatusCode} {text}");
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        }
    }

    private static Task<JsonNode?> WaitForStateAsync(ServerCluster cluster, string peer, string state, TimeSpan timeout) =>
        Eventually.ReadAsync(
            async () => await PeeringAsync(await LeaderAsync(cluster), peer),
            p => p?["State"]?.GetValue<string>() == state,
            timeout,
            $"peering {peer} {state} on the leader",
            Ct);

    /// <summary>Waits for FAILING and returns the whole peering body (it carries the stream's last error).</summary>
    private static async Task<string> WaitForFailingAsync(ServerCluster cluster, string peer, TimeSpan timeout) =>
        (await WaitForStateAsync(cluster, peer, "FAILING", timeout))!.ToJsonString();

    /// <summary>
    /// What the acceptor exports, as the lines the dialer should hold: per exported service, the service names line,
    /// then one catalog line (node, address, service ID, port) and one health line (the same plus the worst check
    /// status, which the dialer sees as its one <c>overall-check</c>) per instance.
    /// </summary>
    private static async Task<SortedSet<string>> ExportedAsync(ParleyProcess acceptor, string[] exported)
    {
        var lines =
            new SortedSet<string>(StringComparer.Ordinal) { "services: " + string.Join(",", exported.Order(StringComparer.Ordinal)) };
        foreach (var service in exported)
        {
            foreach (var entry in await acceptor.Http.GetJsonAsync<JsonArray>($"/v1/health/service/{service}", Ct))
            {
                var instance = Instance(service, entry!["Node"]!, entry["Service"]!);
                lines.Add("catalog " + instance);
                lines.Add($"health {instance} {Worst(entry["Checks"]!.AsArray())}");
            }
        }

        return lines;
    }

    /// <summary>
    /// The same lines as read from one dialer server with <c>?stale</c> (catalog and health, every service ever exported).
    /// </summary>
    private static async Task<SortedSet<string>> ImportedAsync(ParleyProcess server)
    {
        var names = await server.Http.GetJsonAsync<JsonObject>($"/v1/catalog/services?peer={AcceptorName}&stale", Ct);
        var lines =
            new SortedSet<string>(StringComparer.Ordinal) { "services: "
            + string.Join(",", names.Select(p => p.Key).Order(StringComparer.Ordinal)) };
        foreach (var service in Services)
        {
            foreach (var entry in await server.Http.GetJsonAsync<JsonArray>($"/v1/catalog/service/{service}?peer={AcceptorName}&stale", Ct))
            {
                lines.Add($"catalog {service} {entry!["Node"]} {entry["Address"]} {entry["ServiceID"]} {entry["ServicePort"]}");
            }

            foreach (var entry in await server.Http.GetJsonAsync<JsonArray>($"/v1/health/service/{service}?peer={AcceptorName}&stale", Ct))
            {
                lines.Add($"health {Instance(service, entry!["Node"]!, entry["Service"]!)} {Worst(entry["Checks"]!.AsArray())}");
            }
        }

        return lines;
    }

    private static string Instance(string service, JsonNode node, JsonNode instance) =>
        $"{service} {node["Node"]} {node["Address"]} {instance["ID"]} {instance["Port"]}";

    private static string Worst(JsonArray checks)
    {
        var statuses = checks.Select(c => c!["Status"]!.GetValue<string>()).ToList();
        return statuses.Count == 0 ? "none"
            : statuses.Contains("critical") ? "critical"
            : statuses.Contains("warning") ? "warning"
            : "passing";
    }

    /// <summary>Polls every dialer server until it holds exactly <paramref name="expected"/>; on timeout shows the difference.</summary>
    private static async Task WaitForImportsAsync(ServerCluster dialer, SortedSet<string> expected, TimeSpan timeout)
    {
        foreach (var i in dialer.Running)
        {
            await Eventually.EqualAsync(
                string.Join(",", expected),
                async () => string.Join(",", await ImportedAsync(dialer[i])),
                timeout,
                $"dialer server {i} imports exactly {string.Join(",", expected)}",
                Ct);
        }
    }

    private static async Task AssertImportsAsync(ServerCluster dialer, SortedSet<string> expected)
    {
        foreach (var i in dialer.Running)
        {
            Assert.Equal(expected, await ImportedAsync(dialer[i]));
        }
    }
}
