using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;

namespace Parley.IntegrationTests.Cluster;

/// <summary>
/// Default-consistency reads on a follower answer with the leader's view: a write the leader has acknowledged is there,
/// however far behind the follower's own log was; <c>?stale</c> still answers from the follower's state alone.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class FollowerReadTests
{
    private const int Writes = 50;
    private const int TimedReads = 300;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DefaultReadOnFollower_RightAfterTheLeaderAcknowledgedAWrite_ContainsTheWrite()
    {
        await using var cluster = await ServerCluster.StartAsync(3, Ct);
        var leader = await cluster.WaitForLeaderAsync(cluster.Running, ServerCluster.StartTimeout, Ct);
        var followers = cluster.Running.Where(i => i != leader).ToList();
        var reader = cluster[followers[0]];
        var staleReader = cluster[followers[1]];

        var staleMisses = 0;
        for (var i = 0; i < Writes; i++)
        {
            var name = $"fr-{i}";
            await cluster[leader].Http.PutOkAsync("/v1/catalog/register", NodeBody(name), Ct);

            // The write goes straight to the leader, so nothing made the follower wait for it; only the read does.
            using var response = await reader.Http.GetAsync("/v1/catalog/nodes", Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"default read {i}: {(int)response.StatusCode} {text}");
            Assert.Equal("true", response.Headers.GetValues("X-Consul-KnownLeader").Single());
            Assert.Contains(name, NodeNames(text));

            // For the record: the other follower's own state, read at about the same moment.
            staleMisses += NodeNames(await staleReader.Http.GetStringAsync("/v1/catalog/nodes?stale", Ct)).Contains(name) ? 0 : 1;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"?stale on the other follower missed {staleMisses} of {Writes} acknowledged writes");
        await ReportLatencyAsync(cluster[leader].Http, reader.Http);
    }

    // Default reads on the follower cost a round trip to the leader; ?stale does not; on the leader both are local.
    // Interleaved, sequential, after a warm-up, so the figures share the same machine load.
    private static async Task ReportLatencyAsync(HttpClient leader, HttpClient follower)
    {
        var kinds = new (string Name, HttpClient Http, string Path)[]
        {
            ("follower, default", follower, "/v1/catalog/nodes"),
            ("follower, ?stale", follower, "/v1/catalog/nodes?stale"),
            ("follower, ?consistent", follower, "/v1/catalog/nodes?consistent"),
            ("leader, default", leader, "/v1/catalog/nodes"),
        };
        var samples = kinds.Select(_ => new List<double>(TimedReads)).ToArray();
        for (var round = -20; round < TimedReads; round++)
        {
            for (var k = 0; k < kinds.Length; k++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await kinds[k].Http.GetAsync(kinds[k].Path, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{kinds[k].Name}: {(int)response.StatusCode} {body}");
                if (round >= 0)
                {
                    samples[k].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{TimedReads} sequential GET /v1/catalog/nodes (3 servers, {Writes + 3} nodes) each:");
        TestContext.Current.TestOutputHelper?.WriteLine("| read | p50 ms | p99 ms | max ms |");
        TestContext.Current.TestOutputHelper?.WriteLine("|---|---:|---:|---:|");
        for (var k = 0; k < kinds.Length; k++)
        {
            var sorted = samples[k].Order().ToList();
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kinds[k].Name} | {Percentile(sorted, 0.50):F2} | {Percentile(sorted, 0.99):F2} | {sorted[^1]:F2} |"));
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static HashSet<string> NodeNames(string json)
        => (JsonNode.Parse(json) as JsonArray)!.Select(n => n!["Node"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    private static string NodeBody(string name) =>
        $$$"""{"Node": "{{{name}}}", "Address": "10.3.0.1"}""";
}
