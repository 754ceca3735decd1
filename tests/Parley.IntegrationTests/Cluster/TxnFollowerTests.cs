using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;
using Parley.IntegrationTests.Config;

namespace Parley.IntegrationTests.Cluster;

/// <summary>
/// A mixed KV and catalog transaction sent to a follower of three servers: forwarded to the leader as one entry, its
/// results (and, for a failing one, its errors) come back to the follower whole, and every server holds the same rows.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class TxnFollowerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Txn_OnAFollower_CommitsOnEveryServerAndAnswersTheResults()
    {
        await using var cluster = await ServerCluster.StartAsync(3, Ct);
        var leader = await cluster.WaitForLeaderAsync(cluster.Running, ServerCluster.StartTimeout, Ct);
        var follower = cluster[cluster.Running.First(i => i != leader)];

        var answer = await follower.Http.PutAnswerAsync("/v1/txn", """
            [{"Node":{"Verb":"set","Node":{"Node":"tx-f1","Address":"10.9.2.1"}}},
             {"Service":{"Verb":"set","Node":"tx-f1","Service":{"ID":"api-1","Service":"api","Port":7000,"Meta":{"v":"2"}}}},
             {"Check":{"Verb":"set","Check":{"Node":"tx-f1","CheckID":"api-up","Name":"up","Status":"passing","ServiceID":"api-1"}}},
             {"KV":{"Verb":"set","Key":"tx/f","Value":"MQ=="}}]
            """, Ct);

        var results = answer.Ok<JsonObject>()["Results"]!.AsArray();
        Assert.Equal("2", (string?)results[1]!["Service"]!["Meta"]!["v"]);
        Assert.Equal("api", (string?)results[2]!["Check"]!["ServiceName"]);
        foreach (var i in cluster.Running)
        {
            // Default-consistency reads: each server answers with (at least) what the leader acknowledged.
            var row = Assert.Single((await cluster[i].Http.GetAnswerAsync("/v1/health/service/api", Ct)).Ok<JsonArray>())!;
            Assert.Equal(
                ("tx-f1", 7000, "passing"),
                ((string?)row["Node"]!["Node"], (int)row["Service"]!["Port"]!, (string?)row["Checks"]![0]!["Status"]));
        }

        var failed = await follower.Http.PutAnswerAsync("/v1/txn", """
            [{"KV":{"Verb":"set","Key":"tx/g","Value":"MQ=="}},{"Node":{"Verb":"delete-cas","Node":{"Node":"tx-f1","ModifyIndex":1}}}]
            """, Ct);
        Assert.Equal(HttpStatusCode.Conflict, failed.Status);
        Assert.Equal("failed to delete node \"tx-f1\", index is stale", (string?)failed.Json["Errors"]![0]!["What"]);
        Assert.Equal(HttpStatusCode.NotFound, (await cluster[leader].Http.GetAnswerAsync("/v1/kv/tx/g", Ct)).Status);
    }
}
