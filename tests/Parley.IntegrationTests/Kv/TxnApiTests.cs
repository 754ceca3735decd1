using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Config;

namespace Parley.IntegrationTests.Kv;

/// <summary><c>PUT /v1/txn</c> with KV verbs against a real agent: all or nothing, Consul's result and error shapes.</summary>
public sealed class TxnApiTests : OneAgentTests
{
    [Fact]
    public async Task Txn_AllSucceed_AnswersResultsInOrder()
    {
        var answer = await Http.PutAnswerAsync("/v1/txn", """
            [{"KV":{"Verb":"set","Key":"t/a","Value":"MQ=="}},
             {"KV":{"Verb":"cas","Key":"t/b","Value":"Mg==","Index":0}},
             {"KV":{"Verb":"get","Key":"t/a"}},
             {"KV":{"Verb":"get-tree","Key":"t/"}}]
            """, Ct);

        var results = answer.Ok<JsonObject>()["Results"]!.AsArray();
        Assert.Equal(["t/a", "t/b", "t/a", "t/a", "t/b"], results.Select(r => (string?)r!["KV"]!["Key"]));
        Assert.Null(results[0]!["KV"]!["Value"]);
        Assert.Equal("MQ==", (string?)results[2]!["KV"]!["Value"]);
        Assert.Null(answer.Json["Errors"]);
    }

    [Fact]
    public async Task Txn_AnyOpFails_WritesNothingAndNamesEveryFailure()
    {
        await Http.PutAnswerAsync("/v1/kv/t2/exists", "x", Ct);

        var answer = await Http.PutAnswerAsync("/v1/txn", """
            [{"KV":{"Verb":"set","Key":"t2/new","Value":"MQ=="}},
             {"KV":{"Verb":"check-not-exists","Key":"t2/exists"}},
             {"KV":{"Verb":"cas","Key":"t2/exists","Value":"Mg==","Index":1}}]
            """, Ct);

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Null(answer.Json["Results"]);
        var errors = answer.Json["Errors"]!.AsArray();
        Assert.Equal([1, 2], errors.Select(e => (int)e!["OpIndex"]!));
        Assert.Equal("key \"t2/exists\" exists", (string?)errors[0]!["What"]);
        Assert.Equal("failed to set key \"t2/exists\", index is stale", (string?)errors[1]!["What"]);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAnswerAsync("/v1/kv/t2/new", Ct)).Status);
    }

    [Fact]
    public async Task Txn_MoreThan64Ops_Is413()
    {
        var ops = string.Join(",", Enumerable.Range(0, 65).Select(i => $$$"""{"KV":{"Verb":"set","Key":"t3/{{{i}}}"}}"""));
        var answer = await Http.PutAnswerAsync("/v1/txn", $"[{ops}]", Ct);
        Assert.Equal(
            (HttpStatusCode.RequestEntityTooLarge, "Transaction contains too many operations (65 > 64)"), (answer.Status, answer.Body));
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAnswerAsync("/v1/kv/t3/0", Ct)).Status);
    }
}
