using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Config;

namespace Parley.IntegrationTests.Kv;

/// <summary><c>/v1/kv</c> against a real agent: Consul's shapes, CAS, limits and refusals, and blocking per key range.</summary>
public sealed class KvApiTests : OneAgentTests
{
    [Fact]
    public async Task PutGetListKeysDelete_RoundTripInConsulsShapes()
    {
        Assert.Equal("true", (await Http.PutAnswerAsync("/v1/kv/app/config/db?flags=42", "postgres://db", Ct)).Body);
        Assert.Equal("true", (await Http.PutAnswerAsync("/v1/kv/app/config/cache", "", Ct)).Body);
        Assert.Equal("true", (await Http.PutAnswerAsync("/v1/kv/app/name", "web", Ct)).Body);
        Assert.Equal("true", (await Http.PutAnswerAsync("/v1/kv/apple", "fruit", Ct)).Body);

        var read = await Http.GetAnswerAsync("/v1/kv/app/config/db", Ct);
        var entry = Assert.Single(read.Ok<JsonArray>())!.AsObject();
        Assert.Equal(["LockIndex", "Key", "Flags", "Value", "CreateIndex", "ModifyIndex"], entry.Select(p => p.Key));
        Assert.Equal("app/config/db", (string?)entry["Key"]);
        Assert.Equal(42UL, (ulong)entry["Flags"]!);
        Assert.Equal("postgres://db", Encoding.UTF8.GetString(Convert.FromBase64String((string)entry["Value"]!)));
        Assert.Equal(read.Index, (long)entry["ModifyIndex"]!);

        var empty = Assert.Single((await Http.GetAnswerAsync("/v1/kv/app/config/cache", Ct)).Ok<JsonArray>())!;
        Assert.Null(empty["Value"]);

        using (var raw = await Http.GetAsync("/v1/kv/app/config/db?raw", Ct))
        {
            Assert.Equal("text/plain", raw.Content.Headers.ContentType?.MediaType);
            Assert.Equal("postgres://db", await raw.Content.ReadAsStringAsync(Ct));
        }

        var tree = (await Http.GetAnswerAsync("/v1/kv/app/?recurse", Ct)).Ok<JsonArray>();
        Assert.Equal(["app/config/cache", "app/config/db", "app/name"], tree.Select(e => (string?)e!["Key"]));
        var keys = (await Http.GetAnswerAsync("/v1/kv/app/?keys&separator=/", Ct)).Ok<JsonArray>();
        Assert.Equal(["app/config/", "app/name"], keys.Select(k => (string?)k));
        var all = (await Http.GetAnswerAsync("/v1/kv/?keys", Ct)).Ok<JsonArray>();
        Assert.Equal(["app/config/cache", "app/config/db", "app/name", "apple"], all.Select(k => (string?)k));

        // The prefix is a string prefix, as in Consul: "app" would take "apple" too.
        Assert.Equal("true", (await Http.DeleteAnswerAsync("/v1/kv/app/?recurse", Ct)).Body);
        var gone = await Http.GetAnswerAsync("/v1/kv/app/name", Ct);
        Assert.Equal((HttpStatusCode.NotFound, ""), (gone.Status, gone.Body));
        Assert.True(gone.Index > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAnswerAsync("/v1/kv/app/?recurse", Ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAnswerAsync("/v1/kv/app/?keys", Ct)).Status);
        Assert.Equal(["apple"], (await Http.GetAnswerAsync("/v1/kv/?keys", Ct)).Ok<JsonArray>().Select(k => (string?)k));
    }

    [Fact]
    public async Task Cas_ZeroCreatesOnly_AndAStaleIndexWritesNothing()
    {
        Assert.Equal("true", (await Http.PutAnswerAsync("/v1/kv/cas-key?cas=0", "v1", Ct)).Body);
        Assert.Equal("false", (await Http.PutAnswerAsync("/v1/kv/cas-key?cas=0", "v2", Ct)).Body);
        var index = (long)(await Http.GetAnswerAsync("/v1/kv/cas-key", Ct)).Ok<JsonArray>()[0]!["ModifyIndex"]!;

        Assert.Equal("false", (await Http.PutAnswerAsync($"/v1/kv/cas-key?cas={index + 100}", "v3", Ct)).Body);
        Assert.Equal("true", (await Http.PutAnswerAsync($"/v1/kv/cas-key?cas={index}", "v4", Ct)).Body);
        Assert.Equal("false", (await Http.PutAnswerAsync($"/v1/kv/cas-key?cas={index}", "v5", Ct)).Body);
        Assert.Equal("v4", await RawAsync("cas-key"));

        var current = (long)(await Http.GetAnswerAsync("/v1/kv/cas-key", Ct)).Ok<JsonArray>()[0]!["ModifyIndex"]!;
        Assert.Equal("false", (await Http.DeleteAnswerAsync($"/v1/kv/cas-key?cas={index}", Ct)).Body);
        Assert.Equal("v4", await RawAsync("cas-key"));
        Assert.Equal("true", (await Http.DeleteAnswerAsync($"/v1/kv/cas-key?cas={current}", Ct)).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAnswerAsync("/v1/kv/cas-key", Ct)).Status);
    }

    [Fact]
    public async Task BadRequests_AnswerConsulsTextsAndWriteNothing()
    {
        var tooLarge = await Http.PutAnswerAsync("/v1/kv/big", new string('x', 512 * 1024 + 1), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Status);
        Assert.Equal(
            "Request body(524289 bytes) too large," +
                " max size: 524288 bytes. See https://developer.hashicorp.com/docs/agent/config/config-files#kv_max_value_size.",
            tooLarge.Body);
        Assert.Equal("true", (await Http.PutAnswerAsync("/v1/kv/exact", new string('x', 512 * 1024), Ct)).Body);

        var conflict = await Http.PutAnswerAsync("/v1/kv/big?cas=0&acquire=abc", "", Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "Conflicting flags: acquire=abc&cas=0\n"), (conflict.Status, conflict.Body));
        var deleteConflict = await Http.DeleteAnswerAsync("/v1/kv/big?recurse&cas=1", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, deleteConflict.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "Missing key name"), Pair(await Http.PutAnswerAsync("/v1/kv/", "x", Ct)));
        Assert.Equal((HttpStatusCode.BadRequest, "Missing key name"), Pair(await Http.GetAnswerAsync("/v1/kv/", Ct)));
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.PutAnswerAsync("/v1/kv/big?flags=abc", "x", Ct)).Status);
        var unknownSession = await Http.PutAnswerAsync("/v1/kv/big?acquire=nope", "x", Ct);
        Assert.Equal((HttpStatusCode.InternalServerError, "invalid session \"nope\""), Pair(unknownSession));

        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAnswerAsync("/v1/kv/big", Ct)).Status);
    }

    [Fact]
    public async Task BlockingGetOfAMissingKey_WakesForThatKeyOnlyNotForOthers()
    {
        var missing = await Http.GetAnswerAsync("/v1/kv/watched/key", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);

        var watch = Http.GetAnswerAsync($"/v1/kv/watched/key?index={missing.Index}&wait=30s", Ct);
        var prefixWatch = Http.GetAnswerAsync($"/v1/kv/watched/?recurse&index={missing.Index}&wait=30s", Ct);

        // Writes elsewhere (Consul would wake a missing key's reader here and answer 404 again with a larger index).
        await Http.PutAnswerAsync("/v1/kv/elsewhere", "1", Ct);
        await Http.PutAnswerAsync("/v1/kv/watched-not-under-prefix", "1", Ct);
        await Http.PutAnswerAsync("/v1/kv/watched/key", "now", Ct);

        var woke = await watch.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var entry = Assert.Single(woke.Ok<JsonArray>())!;
        Assert.Equal("now", Encoding.UTF8.GetString(Convert.FromBase64String((string)entry["Value"]!)));
        Assert.Equal((long)entry["ModifyIndex"]!, woke.Index);
        var prefix = await prefixWatch.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(["watched/key"], prefix.Ok<JsonArray>().Select(e => (string?)e!["Key"]));

        // A deletion moves the key's index too: its reader wakes with a 404.
        var deleteWatch = Http.GetAnswerAsync($"/v1/kv/watched/key?index={woke.Index}&wait=30s", Ct);
        await Http.DeleteAnswerAsync("/v1/kv/watched/key", Ct);
        var deleted = await deleteWatch.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(HttpStatusCode.NotFound, deleted.Status);
        Assert.True(deleted.Index > woke.Index);
    }

    private static (HttpStatusCode, string) Pair(ConfigHttp.Answer answer) => (answer.Status, answer.Body);

    private async Task<string> RawAsync(string key) => await Http.GetStringAsync($"/v1/kv/{key}?raw", Ct);
}
