using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;
using Parley.Testing;

namespace Parley.IntegrationTests.Cluster;

/// <summary>
/// Cluster peering across a leader failure: a three-server acceptor exports a service to a one-server dialer; kill -9 of
/// the acceptor's leader brings the stream back through the new leader, and the dialer's imported instances never go
/// missing meanwhile.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class PeeringFailoverTests
{
    private const string Service = "web";
    private const string AcceptorName = "acceptor";
    private const string DialerName = "dialer";
    private const string PeeringStateActive = "ACTIVE";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcceptorLeaderKilled_StreamReturnsToActiveAndImportsNeverEmpty()
    {
        await using var acceptor = await ServerCluster.StartAsync(3, Ct);
        await using var dialerCluster = await ServerCluster.StartAsync(1, Ct);
        var dialer = dialerCluster[0];
        var leader = await acceptor.WaitForLeaderAsync(acceptor.Running, ServerCluster.StartTimeout, Ct);
        var write = acceptor[leader];

        for (var i = 0; i < 2; i++)
        {
            await write.Http.PutOkAsync(
                "/v1/catalog/register",
                $$$"""{"Node": "node-{{{i}}}", "Address": "10.2.0.{{{i + 1}}}", "Service": {"ID": "web-{{{i}}}",""" +
                    $$$""" "Service": "{{{Service}}}", "Port": 8080}}""",
                Ct);
        }

        await write.Http.PutOkAsync(
            "/v1/config",
            $$$"""{"Kind": "exported-services", "Name": "default", "Services": [{"Name": "{{{Service}}}",""" +
                $$$""" "Consumers": [{"Peer": "{{{DialerName}}}"}]}]}""",
            Ct);

        var token = await ClusterPeering.GenerateTokenAsync(write, DialerName, servers: 3, Ct);
        await ClusterPeering.EstablishAsync(dialer, AcceptorName, token, Ct);
        await ClusterPeering.WaitActiveAsync(dialer, AcceptorName, TimeSpan.FromSeconds(30), Ct);
        await ClusterPeering.WaitActiveAsync(write, DialerName, TimeSpan.FromSeconds(30), Ct);
        var before = await Eventually.ReadAsync(
            () => ImportedAsync(dialer), r => r.Status == HttpStatusCode.OK && r.Instances.Count == 2, TimeSpan.FromSeconds(30),
                "the import", Ct);

        // Watch the import through the failover: every answer is recorded.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var observed = new List<(HttpStatusCode Status, int Count)>();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await ImportedAsync(dialer);
                lock (observed)
                {
                    observed.Add((result.Status, result.Instances.Count));
                }

                await Task.Delay(25, CancellationToken.None);
            }
        }, Ct);

        var (_, receivedBeforeKill) = await StreamAsync(dialer, AcceptorName);
        var clock = Stopwatch.StartNew();
        var killedAt = DateTimeOffset.UtcNow;
        await acceptor.KillAsync(leader, Ct);
        var survivors = acceptor.Running;
        var newLeader = await acceptor.WaitForLeaderAsync(survivors, TimeSpan.FromSeconds(20), Ct);
        var electedMs = clock.ElapsedMilliseconds;

        // The dialer is ACTIVE again once it has received something over a new stream (the new leader's lists).
        var states = new List<string>();
        await Eventually.ReadAsync(
            async () =>
            {
                var (state, lastReceive) = await StreamAsync(dialer, AcceptorName);
                states.Add(state ?? "none");
                return state == PeeringStateActive && lastReceive != receivedBeforeKill;
            },
            up => up,
            TimeSpan.FromSeconds(30),
            "the dialer's stream to be back",
            Ct);
        var reconnectedMs = clock.ElapsedMilliseconds;
        await ClusterPeering.WaitActiveAsync(acceptor[newLeader], DialerName, TimeSpan.FromSeconds(30), Ct);

        // Once the new stream has delivered the service and the dialer has reconciled its import with it, stop watching.
        await ClusterPeering.WaitImportedSinceAsync(dialer, AcceptorName, [Service], killedAt, TimeSpan.FromSeconds(30), Ct);
        await stop.CancelAsync();
        await watcher;
        var after = await ImportedAsync(dialer);

        List<(HttpStatusCode Status, int Count)> seen;
        lock (observed)
        {
            seen = [.. observed];
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"acceptor leader {acceptor.ServerAddress(leader)} killed; {acceptor.ServerAddress(newLeader)} elected after {electedMs} ms; " +
            $"dialer stream back after {reconnectedMs} ms (states seen: {string.Join(",", states.Distinct())});" +
                $" {seen.Count} import reads during the failover");

        Assert.Equal(PeeringStateActive, await ClusterPeering.StateAsync(dialer, AcceptorName, Ct));
        Assert.NotEmpty(seen);
        Assert.All(seen,
            s => Assert.True(s.Status == HttpStatusCode.OK && s.Count == 2, $"import read answered {s.Status} with {s.Count} instances"));
        Assert.Equal(before.Instances, after.Instances);
    }

    /// <summary>The reported state of the peering and its stream's <c>LastReceive</c>.</summary>
    private static async Task<(string? State, string? LastReceive)> StreamAsync(ParleyProcess server, string peer)
    {
        var body = await ClusterPeering.PeeringAsync(server, peer, Ct);
        return (body?["State"]?.GetValue<string>(), body?["StreamStatus"]?["LastReceive"]?.GetValue<string>());
    }

    /// <summary>The imported instances as comparable lines (node, address, service ID, port); the status of the read.</summary>
    private static async Task<(HttpStatusCode Status, List<string> Instances)> ImportedAsync(ParleyProcess server)
    {
        try
        {
            using var response = await server.Http.GetAsync($"/v1/health/service/{Service}?peer={AcceptorName}", CancellationToken.None);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (response.StatusCode, []);
            }

            var entries = JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None))!.AsArray();
            return (HttpStatusCode.OK, [.. entries.Select(e =>
                $"{e!["Node"]!["Node"]} {e["Node"]!["Address"]} {e["Service"]!["ID"]} {e["Service"]!["Port"]}")
                    .Order(StringComparer.Ordinal)]);
        }
        catch (HttpRequestException)
        {
            return (HttpStatusCode.ServiceUnavailable, []);
        }
    }
}
