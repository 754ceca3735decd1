using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;
using Parley.Testing;

namespace Parley.IntegrationTests.Cluster;

/// <summary><c>POST /v1/operator/raft/transfer-leader</c>: the leader steps down and another server is elected.</summary>
[Collection(ProcessCollection.Name)]
public sealed class TransferLeaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TransferLeader_AskedOfAFollower_AnotherServerLeads_ChosenIdRefused()
    {
        await using var cluster = await ServerCluster.StartAsync(3, Ct);
        var oldLeader = await cluster.WaitForLeaderAsync(cluster.Running, ServerCluster.StartTimeout, Ct);
        var follower = cluster.Running.First(i => i != oldLeader);

        using var chosen = await cluster[follower].Http.PostAsync("/v1/operator/raft/transfer-leader?id=server-0", null, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, chosen.StatusCode);
        Assert.Contains("leave out ?id", await chosen.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The election that follows is an ordinary one, which the old leader may win again: ask again then (rarely needed).
        var newLeader = oldLeader;
        for (var attempt = 0; attempt < 5 && newLeader == oldLeader; attempt++)
        {
            var asked = cluster.Running.First(i => i != newLeader);
            using var response = await cluster[asked].Http.PostAsync("/v1/operator/raft/transfer-leader", null, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            Assert.True((bool)JsonNode.Parse(body)!["Success"]!);
            newLeader = await LeaderOtherThanAsync(cluster, oldLeader);
        }

        Assert.NotEqual(oldLeader, newLeader);

        // The cluster carries on: a write through the old leader commits under the new one.
        using var write = await cluster[oldLeader].Http.PutAsync("/v1/kv/after-transfer", new StringContent("v"), Ct);
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
    }

    [Fact]
    public async Task TransferLeader_SingleServer_RefusedWithTheReason()
    {
        await using var agent = await TestAgent.StartAsync(cancellationToken: Ct);

        using var response = await agent.Http.PostAsync("/v1/operator/raft/transfer-leader", null, Ct);

        Assert.Equal(
            (HttpStatusCode.BadRequest, "cannot transfer leadership: this server is the only voter"),
            (response.StatusCode, await response.Content.ReadAsStringAsync(Ct)));
    }

    /// <summary>
    /// The leader all servers agree on once it is not <paramref name="old"/>, or <paramref name="old"/> if they settle on it again.
    /// </summary>
    private static async Task<int> LeaderOtherThanAsync(ServerCluster cluster, int old)
    {
        using var settle = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        settle.CancelAfter(TimeSpan.FromSeconds(5));
        while (!settle.IsCancellationRequested)
        {
            var leader = await cluster.WaitForLeaderAsync(cluster.Running, ServerCluster.StartTimeout, Ct);
            if (leader != old)
            {
                return leader;
            }

            await Task.Delay(50, Ct);
        }

        return old;
    }
}
