using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;
using Parley.Testing;

namespace Parley.IntegrationTests.Cluster;

/// <summary>
/// kill -9 of the leader of a three-server cluster in the middle of a steady stream of registrations: the other two elect
/// a new leader, the stream carries on through them, and every acknowledged write is there afterwards — on every server,
/// the killed one included once it is back.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class LeaderFailoverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LeaderKilledDuringRegistrations_NewLeaderIsElectedAndNoAcknowledgedWriteIsLost()
    {
        const int AcksBeforeKill = 60;
        const int AcksAfterKill = 60;
        await using var cluster = await ServerCluster.StartAsync(3, Ct);
        var oldLeader = await cluster.WaitForLeaderAsync(cluster.Running, ServerCluster.StartTimeout, Ct);
        var acknowledged = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var attempted = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // Two writers per server; those on the leader stop when it dies (their last write may or may not have landed).
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var server = cluster[w % 3];
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var name = $"w{w}-{i}";
                attempted[name] = 0;
                try
                {
                    using var response = await server.Http.PutJsonAsync("/v1/catalog/register", NodeBody(name), stop.Token);
                    if (response.StatusCode == HttpStatusCode.OK && await response.Content.ReadAsStringAsync(stop.Token) == "true")
                    {
                        acknowledged[name] = clock.ElapsedMilliseconds;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    if (server.HasExited || stop.IsCancellationRequested)
                    {
                        return;
                    }
                }
            }
        })).ToArray();

        await Eventually.ReadAsync(
            () => Task.FromResult(acknowledged.Count), n => n >= AcksBeforeKill, TimeSpan.FromSeconds(30), "writes before the kill", Ct);
        var killedAt = clock.ElapsedMilliseconds;
        await cluster.KillAsync(oldLeader, Ct);
        var survivors = cluster.Running;
        var newLeader = await cluster.WaitForLeaderAsync(survivors, TimeSpan.FromSeconds(20), Ct);
        var electedAt = clock.ElapsedMilliseconds;
        var acksAtElection = acknowledged.Count;
        await Eventually.ReadAsync(
            () => Task.FromResult(acknowledged.Count), n => n >= acksAtElection + AcksAfterKill, TimeSpan.FromSeconds(30),
                "writes after the kill", Ct);
        await stop.CancelAsync();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var firstAckAfterKill = acknowledged.Values.Where(t => t > killedAt).DefaultIfEmpty(-1).Min();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"leader {cluster.ServerAddress(oldLeader)} killed at {killedAt} ms;" +
                $" {cluster.ServerAddress(newLeader)} seen as leader by both " +
            $"survivors {electedAt - killedAt} ms later; first write acknowledged {firstAckAfterKill - killedAt} ms after the kill; " +
            $"{acknowledged.Count} of {attempted.Count} writes acknowledged");

        // The checker: a linearizable read on a survivor holds every acknowledged write, each whole (node and service).
        var expected = acknowledged.Keys.ToHashSet(StringComparer.Ordinal);
        var survivor = cluster[survivors[0]];
        var nodes = await NodeNamesAsync(survivor, "?consistent");
        var services = (await survivor.Http.GetJsonAsync<JsonObject>("/v1/catalog/services?consistent", Ct)).Select(p => p.Key).ToHashSet();
        Assert.Empty(expected.Except(nodes));
        foreach (var name in nodes.Where(n => !n.StartsWith("server-", StringComparison.Ordinal)))
        {
            Assert.True(attempted.ContainsKey(name), $"{name} was never written");
            Assert.True(services.Contains("svc-" + name), $"{name} is registered without its service: half applied");
        }

        // The old leader comes back as a follower and catches up to exactly the same catalog. A write whose client gave
        // up when the writers stopped may still commit after the read above, so the reference is read again each round.
        await cluster.RestartAsync(oldLeader, waitUntilReady: true, Ct);
        var difference = await Eventually.ReadAsync(
            async () =>
            {
                var reference = await NodeNamesAsync(cluster[survivors[0]], "?consistent");
                foreach (var i in cluster.Running)
                {
                    var held = await NodeNamesAsync(cluster[i], "?stale");
                    if (!held.SetEquals(reference))
                    {
                        return $"server {i} lacks [{string.Join(", ", reference.Except(held))}] and has extra " +
                            $"[{string.Join(", ", held.Except(reference))}]";
                    }
                }

                return reference.IsSupersetOf(nodes) ? "" : $"the catalog lost [{string.Join(", ", nodes.Except(reference))}]";
            },
            d => d.Length == 0,
            TimeSpan.FromSeconds(20),
            "every server to hold the same catalog",
            Ct);
        Assert.Equal("", difference);
    }

    private static async Task<HashSet<string>> NodeNamesAsync(ParleyProcess server, string query)
        => (await server.Http.GetJsonAsync<JsonArray>("/v1/catalog/nodes" + query, Ct))
            .Select(n => n!["Node"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    private static string NodeBody(string name) =>
        $$$"""{"Node": "{{{name}}}", "Address": "10.1.0.1", "Service": {"Service": "svc-{{{name}}}", "Port": 80}}""";
}
