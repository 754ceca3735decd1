using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;
using Parley.Testing;

namespace Parley.IntegrationTests.Cluster;

/// <summary>
/// Followers that die come back and catch up; a cluster that has lost its majority refuses writes and default reads
/// clearly but still answers <c>?stale</c> reads, and takes writes again once the majority is back.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class QuorumTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FollowerKilledThenQuorumLost_FollowerCatchesUp_WritesAndDefaultReadsFailClearly_StaleReadsAnswer_WritesResume()
    {
        await using var cluster = await ServerCluster.StartAsync(3, Ct);
        var leader = await cluster.WaitForLeaderAsync(cluster.Running, ServerCluster.StartTimeout, Ct);
        var followers = cluster.Running.Where(i => i != leader).ToList();
        for (var i = 0; i < 10; i++)
        {
            await cluster[leader].Http.PutOkAsync("/v1/catalog/register", NodeBody($"before-{i}"), Ct);
        }

        // A follower dies; the other two carry on (writes through the remaining follower are forwarded).
        var dead = followers[0];
        var forwarding = followers[1];
        await cluster.KillAsync(dead, Ct);
        for (var i = 0; i < 20; i++)
        {
            await cluster[forwarding].Http.PutOkAsync("/v1/catalog/register", NodeBody($"while-down-{i}"), Ct);
        }

        // It comes back and catches up: its own reads show every write, and a consistent read there agrees.
        await cluster.RestartAsync(dead, waitUntilReady: true, Ct);
        await Eventually.ReadAsync(
            () => NodeNamesAsync(cluster[dead], "?stale"), names
                => names.Count(n => !n.StartsWith("server-", StringComparison.Ordinal)) == 30,
            TimeSpan.FromSeconds(20), "the restarted follower to catch up", Ct);
        Assert.Equal(await NodeNamesAsync(cluster[leader], "?consistent"), await NodeNamesAsync(cluster[dead], "?consistent"));

        // Two of three die: no majority.
        var survivor = forwarding;
        await cluster.KillAsync(leader, Ct);
        await cluster.KillAsync(dead, Ct);
        var clock = Stopwatch.StartNew();
        using (var refused = await cluster[survivor].Http.PutJsonAsync("/v1/catalog/register", NodeBody("no-quorum"), Ct))
        {
            var text = await refused.Content.ReadAsStringAsync(Ct);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"write without quorum answered {(int)refused.StatusCode} after {clock.ElapsedMilliseconds} ms: {text}");
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            Assert.Contains("leader", text, StringComparison.OrdinalIgnoreCase);
        }

        using (var stale = await cluster[survivor].Http.GetAsync("/v1/catalog/nodes?stale", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            Assert.Equal("false", stale.Headers.GetValues("X-Consul-KnownLeader").Single());
            var names =
                (JsonNode.Parse(await stale.Content.ReadAsStringAsync(Ct)) as JsonArray)!.Select(n => n!["Node"]!.GetValue<string>());
            Assert.Equal(30, names.Count(n => !n.StartsWith("server-", StringComparison.Ordinal) && n != "no-quorum"));
        }

        // Without ?stale a read needs the leader, as Consul's default mode does: it waits for one (the write timeout,
        // 7 s), then says so rather than answer from a state nobody can vouch for.
        clock.Restart();
        using (var leaderless = await cluster[survivor].Http.GetAsync("/v1/catalog/nodes", Ct))
        {
            var text = await leaderless.Content.ReadAsStringAsync(Ct);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"default read without quorum answered {(int)leaderless.StatusCode} after {clock.ElapsedMilliseconds} ms: {text}");
            Assert.Equal(HttpStatusCode.InternalServerError, leaderless.StatusCode);
            Assert.Contains("No cluster leader", text, StringComparison.Ordinal);
        }

        // The majority is back: writes resume.
        await cluster.RestartAsync(leader, waitUntilReady: false, Ct);
        await cluster.WaitForLeaderAsync([survivor, leader], TimeSpan.FromSeconds(30), Ct);
        await cluster[survivor].Http.PutOkAsync("/v1/catalog/register", NodeBody("after-quorum"), Ct);
        Assert.Contains("after-quorum", await NodeNamesAsync(cluster[survivor], "?consistent"));
    }

    private static async Task<HashSet<string>> NodeNamesAsync(ParleyProcess server, string query)
        => (await server.Http.GetJsonAsync<JsonArray>("/v1/catalog/nodes" + query, Ct))
            .Select(n => n!["Node"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    private static string NodeBody(string name) =>
        $$$"""{"Node": "{{{name}}}", "Address": "10.2.0.1", "Service": {"Service": "svc-{{{name}}}", "Port": 80}}""";
}
