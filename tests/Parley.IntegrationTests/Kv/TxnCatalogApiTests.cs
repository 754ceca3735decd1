using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Config;

namespace Parley.IntegrationTests.Kv;

/// <summary>
/// <c>PUT /v1/txn</c> with Node, Service and Check ops next to KV ops, against a real agent: one all-or-nothing commit,
/// Consul's result and error shapes and texts, writes that read back through the catalog and health endpoints.
/// </summary>
public sealed class TxnCatalogApiTests : OneAgentTests
{
    private const string RegisterWeb = """
        {"Node":{"Verb":"set","Node":{"Node":"tx-n1","Address":"10.9.0.1","Meta":{"rack":"r1"}}}},
        {"Service":{"Verb":"set","Node":"tx-n1","Service":{"ID":"web-1","Service":"web","Port":8080,"Tags":["v1"]}}},
        {"Check":{"Verb":"set","Check":{"Node":"tx-n1","CheckID":"web-alive","Name":"alive","Status":"passing","ServiceID":"web-1",
                  "Definition":{"HTTP":"http://10.9.0.1:8080/health","Interval":"10s","Timeout":"1s"}}}}
        """;

    [Fact]
    public async Task Txn_MixedKvAndCatalogOps_CommitAtOneIndexAndReadBack()
    {
        var answer = await Http.PutAnswerAsync("/v1/txn", $$$$"""
            [{"KV":{"Verb":"set","Key":"tx/web","Value":"MQ=="}},
             {{{{RegisterWeb}}}},
             {"Node":{"Verb":"get","Node":{"Node":"TX-N1"}}},
             {"Service":{"Verb":"get","Node":"tx-n1","Service":{"ID":"web-1"}}},
             {"Check":{"Verb":"get","Check":{"Node":"tx-n1","CheckID":"web-alive"}}}]
            """, Ct);

        var results = answer.Ok<JsonObject>()["Results"]!.AsArray();
        Assert.Null(answer.Json["Errors"]);
        Assert.Equal(["KV", "Node", "Service", "Check", "Node", "Service", "Check"], results.Select(r => Assert.Single(r!.AsObject()).Key));
        var index = (long)results[0]!["KV"]!["ModifyIndex"]!;
        Assert.All(results, r => Assert.Equal(index, (long)r!.AsObject().Single().Value!["ModifyIndex"]!));
        Assert.Equal("10.9.0.1", (string?)results[1]!["Node"]!["Address"]);
        Assert.Equal("r1", (string?)results[4]!["Node"]!["Meta"]!["rack"]);
        Assert.Equal(("web", 8080), ((string?)results[5]!["Service"]!["Service"], (int)results[5]!["Service"]!["Port"]!));
        Assert.Equal(("passing", "web", "10s"),
            ((string?)results[6]!["Check"]!["Status"], (string?)results[6]!["Check"]!["ServiceName"],
            (string?)results[6]!["Check"]!["Interval"]));

        var health = (await Http.GetAnswerAsync("/v1/health/service/web", Ct)).Ok<JsonArray>();
        var row = Assert.Single(health)!;
        Assert.Equal(
            ("tx-n1", "web-1", "web-alive"),
            ((string?)row["Node"]!["Node"], (string?)row["Service"]!["ID"], (string?)row["Checks"]![0]!["CheckID"]));
        Assert.Equal(index, (long)(await Http.GetAnswerAsync("/v1/catalog/node/tx-n1", Ct)).Ok<JsonObject>()["Node"]!["ModifyIndex"]!);
        Assert.Equal("MQ==", (string?)(await Http.GetAnswerAsync("/v1/kv/tx/web", Ct)).Ok<JsonArray>()[0]!["Value"]);

        // Deletes answer nothing, and take what hangs off the row with them, as a deregistration does.
        var deleted = await Http.PutAnswerAsync("/v1/txn", """
            [{"Service":{"Verb":"delete","Node":"tx-n1","Service":{"ID":"web-1"}}},{"KV":{"Verb":"delete","Key":"tx/web"}}]
            """, Ct);
        Assert.Empty(deleted.Ok<JsonObject>()["Results"]!.AsArray());
        Assert.Empty((await Http.GetAnswerAsync("/v1/health/service/web", Ct)).Ok<JsonArray>());
        Assert.Empty((await Http.GetAnswerAsync("/v1/health/node/tx-n1", Ct)).Ok<JsonArray>());
    }

    [Fact]
    public async Task Txn_FailingOpInTheMiddle_WritesNothingBeforeOrAfterIt()
    {
        await Http.PutAnswerAsync("/v1/txn", $"[{RegisterWeb}]", Ct);
        await Http.PutAnswerAsync("/v1/kv/tx/keep", "x", Ct);
        var before = await SnapshotAsync();

        var answer = await Http.PutAnswerAsync("/v1/txn", """
            [{"KV":{"Verb":"set","Key":"tx/new","Value":"MQ=="}},
             {"Node":{"Verb":"set","Node":{"Node":"tx-n2","Address":"10.9.0.2"}}},
             {"Service":{"Verb":"set","Node":"tx-n1","Service":{"ID":"web-1","Service":"web","Port":9090}}},
             {"Check":{"Verb":"set","Check":{"Node":"tx-n1","CheckID":"orphan","Name":"orphan","ServiceID":"nope"}}},
             {"Service":{"Verb":"set","Node":"no-such-node","Service":{"Service":"db"}}},
             {"KV":{"Verb":"delete","Key":"tx/keep"}},
             {"Node":{"Verb":"delete","Node":{"Node":"tx-n1"}}}]
            """, Ct);

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Null(answer.Json["Results"]);
        var errors = answer.Json["Errors"]!.AsArray();
        Assert.Equal([3, 4], errors.Select(e => (int)e!["OpIndex"]!));
        Assert.StartsWith("Missing service registration", (string?)errors[0]!["What"], StringComparison.Ordinal);
        Assert.StartsWith("Missing node registration", (string?)errors[1]!["What"], StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Txn_CasVerbs_WriteOnlyAtTheExpectedIndex()
    {
        var created = (await Http.PutAnswerAsync("/v1/txn", $"[{RegisterWeb}]", Ct)).Ok<JsonObject>()["Results"]!.AsArray();
        var index = (long)created[1]!["Service"]!["ModifyIndex"]!;

        var stale = await Http.PutAnswerAsync("/v1/txn", $$$$"""
            [{"Service":{"Verb":"cas","Node":"tx-n1","Service":{"ID":"web-1","Service":"web","Port":1,"ModifyIndex":{{{{index - 1}}}}}}},
             {"Node":{"Verb":"cas","Node":{"Node":"tx-n1","Address":"10.9.0.9","ModifyIndex":0}}},
             {"Check":{"Verb":"delete-cas","Check":{"Node":"tx-n1","CheckID":"web-alive","ModifyIndex":{{{{index + 100}}}}}}},
             {"Node":{"Verb":"delete-cas","Node":{"Node":"tx-gone","ModifyIndex":{{{{index}}}}}}}]
            """, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal(
            [
                "failed to set service \"web-1\" on node \"tx-n1\", index is stale",
                "failed to set node \"tx-n1\", index is stale",
                "failed to delete check \"web-alive\" on node \"tx-n1\", index is stale",
                "failed to delete node \"tx-gone\", index is stale",
            ],
            stale.Json["Errors"]!.AsArray().Select(e => (string?)e!["What"]));
        Assert.Equal(8080, (int)(await Http.GetAnswerAsync("/v1/catalog/service/web", Ct)).Ok<JsonArray>()[0]!["ServicePort"]!);

        var fresh = await Http.PutAnswerAsync("/v1/txn", $$$$"""
            [{"Service":{"Verb":"cas","Node":"tx-n1","Service":{"ID":"web-1","Service":"web","Port":1,"ModifyIndex":{{{{index}}}}}}},
             {"Check":{"Verb":"cas","Check":{"Node":"tx-n1","CheckID":"new-check","Name":"new","ModifyIndex":0}}}]
            """, Ct);
        var results = fresh.Ok<JsonObject>()["Results"]!.AsArray();
        Assert.True((long)results[0]!["Service"]!["ModifyIndex"]! > index);
        Assert.Equal(1, (int)(await Http.GetAnswerAsync("/v1/catalog/service/web", Ct)).Ok<JsonArray>()[0]!["ServicePort"]!);
        Assert.Equal("critical", (string?)results[1]!["Check"]!["Status"]);
    }

    [Fact]
    public async Task Txn_GetsOfMissingRowsAndBadOps_FailWithConsulsTexts()
    {
        var gets = await Http.PutAnswerAsync("/v1/txn", """
            [{"Node":{"Verb":"get","Node":{"Node":"nope"}}},
             {"Service":{"Verb":"get","Node":"nope","Service":{"ID":"svc"}}},
             {"Check":{"Verb":"get","Check":{"Node":"nope","CheckID":"chk"}}}]
            """, Ct);
        Assert.Equal(HttpStatusCode.Conflict, gets.Status);
        Assert.Equal(
            ["node \"nope\" doesn't exist", "service \"svc\" on node \"nope\" doesn't exist",
                "check \"chk\" on node \"nope\" doesn't exist"],
            gets.Json["Errors"]!.AsArray().Select(e => (string?)e!["What"]));

        // Refused before the store is asked (Consul's preCheck), so the get's own failure is not reported with them.
        var refused = await Http.PutAnswerAsync("/v1/txn", """
            [{"Node":{"Verb":"get","Node":{"Node":"nope"}}},
             {"Node":{"Verb":"frob","Node":{"Node":"nope"}}},
             {"Node":{"Verb":"set","Node":{"Node":"no-address"}}},
             {"Service":{"Verb":"set","Node":"nope","Service":{"Port":80}}},
             {"Check":{"Verb":"set","Check":{"Node":"nope","CheckID":"c","Status":"sunny"}}}]
            """, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal([1, 2, 3, 4], refused.Json["Errors"]!.AsArray().Select(e => (int)e!["OpIndex"]!));
        Assert.Equal(
            [
                "unknown node operation: frob",
                "Must provide node and address",
                "Must provide service name (Service.Service)",
                "Invalid check status: \"sunny\"",
            ],
            refused.Json["Errors"]!.AsArray().Select(e => (string?)e!["What"]));

        // A body that does not decode has no op to blame: 400, as Consul answers.
        var malformed = await Http.PutAnswerAsync(
            "/v1/txn",
            """[{"Service":{"Verb":"set","Node":"n","Service":{"Service":"s","Port":{}}}}]""",
            Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.StartsWith("Failed to parse body: ", malformed.Body, StringComparison.Ordinal);
        var untyped = await Http.PutAnswerAsync("/v1/txn", """[{"Session":{"Verb":"delete"}}]""", Ct);
        Assert.Equal(
            (HttpStatusCode.BadRequest, "Failed to parse body: an operation needs one of KV, Node, Service or Check"),
            (untyped.Status, untyped.Body));
    }

    [Fact]
    public async Task Txn_CatalogWrite_WakesABlockingHealthRead()
    {
        await Http.PutAnswerAsync("/v1/txn", $"[{RegisterWeb}]", Ct);
        var first = await Http.GetAnswerAsync("/v1/health/service/web", Ct);

        var blocked = Http.GetAnswerAsync(
            string.Create(CultureInfo.InvariantCulture, $"/v1/health/service/web?index={first.Index}&wait=20s"),
            Ct);
        var update = await Http.PutAnswerAsync("/v1/txn", """
            [{"Check":{"Verb":"set","Check":{"Node":"tx-n1","CheckID":"web-alive","Name":"alive","Status":"critical","ServiceID":"web-1"}}}]
            """, Ct);
        var written = (long)update.Ok<JsonObject>()["Results"]![0]!["Check"]!["ModifyIndex"]!;

        var woke = await blocked.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        Assert.Equal(written, woke.Index);
        Assert.Equal("critical", (string?)woke.Ok<JsonArray>()[0]!["Checks"]![0]!["Status"]);
    }

    /// <summary>
    /// What a rolled-back transaction must leave as it was: the rows it touched and the indexes of the service and the KV
    /// prefix (the node table's index is left out: the agent's own registration may move it meanwhile).
    /// </summary>
    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (
            var path in new[] { "/v1/catalog/node/tx-n1", "/v1/catalog/node/tx-n2", "/v1/health/node/tx-n1", "/v1/health/service/web",
            "/v1/kv/tx/?recurse" })
        {
            var answer = await Http.GetAnswerAsync(path, Ct);
            var index = path.StartsWith("/v1/catalog/node/", StringComparison.Ordinal)
                || path.StartsWith("/v1/health/node/", StringComparison.Ordinal) ? "" : answer.Index.ToString(CultureInfo.InvariantCulture);
            parts.Add($"{path} {(int)answer.Status} {index} {answer.Body}");
        }

        return string.Join('\n', parts);
    }
}
