using System.Net;
using System.Text.Json.Nodes;

namespace Parley.IntegrationTests.Config;

/// <summary><c>/v1/config</c> against a real agent: every kind round-trips, CAS, Consul's refusals, blocking reads.</summary>
public sealed class ConfigApiTests : OneAgentTests
{
    // One entry of each kind, in an order the cross-entry rules accept (routers and splitters need the http protocol).
    private static readonly (string Kind, string Name, string Body)[] EveryKind =
    [
        ("proxy-defaults", "global", """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}"""),
        ("service-defaults", "web", """{"Kind":"service-defaults","Name":"web","Protocol":"http"}"""),
        (
            "service-resolver",
            "web",
            """{"Kind":"service-resolver","Name":"web","ConnectTimeout":"15s","Failover":{"*":{"Targets":[{"Peer":"cluster-02"}]}}}"""),
        (
            "service-splitter",
            "web",
            """{"Kind":"service-splitter","Name":"web","Splits":[{"Weight":90},{"Weight":10,"Service":"web-v2"}]}"""),
        ("service-router", "web",
            """{"Kind":"service-router","Name":"web","Routes":[{"Match":{"HTTP":{"PathPrefix":"/admin"}},"Destination":""" +
            """{"Service":"admin"}}]}"""),
        (
            "service-intentions",
            "web",
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"frontend","Peer":"cluster-02","Action":"allow"}]}"""),
        ("mesh", "mesh", """{"Kind":"mesh","Peering":{"PeerThroughMeshGateways":true}}"""),
        (
            "exported-services",
            "default",
            """{"Kind":"exported-services","Name":"default","Services":[{"Name":"web","Consumers":[{"Peer":"cluster-02"}]}]}"""),
    ];

    [Fact]
    public async Task EveryKind_WrittenReadListedDeleted()
    {
        foreach (var (kind, name, body) in EveryKind)
        {
            await Http.WriteEntryAsync(body, Ct);

            var read = await Http.GetAnswerAsync($"/v1/config/{kind}/{name}", Ct);
            var entry = read.Ok<JsonObject>();
            Assert.Equal(kind, (string?)entry["Kind"]);
            Assert.Equal(name, (string?)entry["Name"]);
            var modifyIndex = (long)entry["ModifyIndex"]!;
            Assert.True(modifyIndex > 0);
            Assert.Equal(modifyIndex, (long)entry["CreateIndex"]!);
            Assert.True(read.Index >= modifyIndex, $"{kind}: X-Consul-Index {read.Index} < ModifyIndex {modifyIndex}");

            var list = (await Http.GetAnswerAsync($"/v1/config/{kind}", Ct)).Ok<JsonArray>();
            Assert.Equal([name], list.Select(e => (string?)e!["Name"]));
        }

        foreach (var (kind, name, _) in EveryKind.Reverse())
        {
            var deleted = await Http.DeleteAnswerAsync($"/v1/config/{kind}/{name}", Ct);
            Assert.Equal((HttpStatusCode.OK, "{}"), (deleted.Status, deleted.Body));

            var gone = await Http.GetAnswerAsync($"/v1/config/{kind}/{name}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, gone.Status);
            Assert.Equal($"Config entry not found for \"{kind}\" / \"{name}\"", gone.Body);
            Assert.Equal("[]", (await Http.GetAnswerAsync($"/v1/config/{kind}", Ct)).Body);
        }
    }

    [Fact]
    public async Task Write_StoresTheNormalizedCanonicalForm()
    {
        // snake_case keys and a lower-case kind key are accepted; the stored entry has Consul's field names and the
        // computed precedence.
        await Http.WriteEntryAsync("""
            {"kind":"service-intentions","name":"db","sources":[{"name":"web","peer":"cluster-02","action":"deny"}]}
            """, Ct);

        var entry = (await Http.GetAnswerAsync("/v1/config/service-intentions/db", Ct)).Ok<JsonObject>();
        var source = Assert.Single(entry["Sources"]!.AsArray())!;
        Assert.Equal(
            ("web", "cluster-02", "deny", "consul"),
            ((string?)source["Name"], (string?)source["Peer"], (string?)source["Action"], (string?)source["Type"]));
        Assert.Equal(9, (int)source["Precedence"]!);
    }

    [Fact]
    public async Task Write_WithCas_TrueOnlyWhenTheIndexMatches()
    {
        const string Exports =
            """{"Kind":"exported-services","Name":"default","Services":[{"Name":"web","Consumers":[{"Peer":"cluster-02"}]}]}""";
        var created = await Http.PutAnswerAsync("/v1/config?cas=0", Exports, Ct);
        Assert.Equal("true", created.Body);
        var index = (long)(await Http.GetAnswerAsync("/v1/config/exported-services/default", Ct)).Ok<JsonObject>()["ModifyIndex"]!;

        Assert.Equal("false", (await Http.PutAnswerAsync("/v1/config?cas=0", Exports, Ct)).Body);
        const string Changed =
            """{"Kind":"exported-services","Name":"default","Services":[{"Name":"api","Consumers":[{"Peer":"cluster-02"}]}]}""";
        Assert.Equal("false", (await Http.PutAnswerAsync($"/v1/config?cas={index + 1000}", Changed, Ct)).Body);
        Assert.Equal(
            "web",
            (string?)(await Http.GetAnswerAsync("/v1/config/exported-services/default", Ct)).Ok<JsonObject>()["Services"]![0]!["Name"]);

        Assert.Equal("true", (await Http.PutAnswerAsync($"/v1/config?cas={index}", Changed, Ct)).Body);
        Assert.Equal(
            "api",
            (string?)(await Http.GetAnswerAsync("/v1/config/exported-services/default", Ct)).Ok<JsonObject>()["Services"]![0]!["Name"]);
    }

    [Fact]
    public async Task Delete_WithCas_AnswersTrueOrFalse()
    {
        await Http.WriteEntryAsync("""{"Kind":"service-defaults","Name":"web","Protocol":"http"}""", Ct);
        var index = (long)(await Http.GetAnswerAsync("/v1/config/service-defaults/web", Ct)).Ok<JsonObject>()["ModifyIndex"]!;

        var lost = await Http.DeleteAnswerAsync($"/v1/config/service-defaults/web?cas={index + 1000}", Ct);
        Assert.Equal((HttpStatusCode.OK, "false"), (lost.Status, lost.Body));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAnswerAsync("/v1/config/service-defaults/web", Ct)).Status);

        var won = await Http.DeleteAnswerAsync($"/v1/config/service-defaults/web?cas={index}", Ct);
        Assert.Equal((HttpStatusCode.OK, "true"), (won.Status, won.Body));
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAnswerAsync("/v1/config/service-defaults/web", Ct)).Status);
    }

    [Fact]
    public async Task Write_WildcardPeerExport_RefusedWithConsulsTextAndNothingWritten()
    {
        var answer = await Http.PutAnswerAsync("/v1/config", """
            {"Kind":"exported-services","Name":"default","Services":[{"Name":"x","Consumers":[{"Peer":"*"}]}]}
            """, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("Services[0].Consumers[0]: exporting to all peers (wildcard) is not supported", answer.Body);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAnswerAsync("/v1/config/exported-services/default", Ct)).Status);
    }

    [Fact]
    public async Task Write_SplitterOnTcpService_Refused()
    {
        var answer = await Http.PutAnswerAsync("/v1/config", """
            {"Kind":"service-splitter","Name":"db","Splits":[{"Weight":50},{"Weight":50,"Service":"db-v2"}]}
            """, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Contains("does not permit advanced routing or splitting behavior", answer.Body, StringComparison.Ordinal);
        Assert.Equal("[]", (await Http.GetAnswerAsync("/v1/config/service-splitter", Ct)).Body);
    }

    [Fact]
    public async Task Delete_ThatWouldBreakAChain_Refused()
    {
        await Http.WriteEntryAsync("""{"Kind":"service-defaults","Name":"web","Protocol":"http"}""", Ct);
        await Http.WriteEntryAsync("""{"Kind":"service-splitter","Name":"web","Splits":[{"Weight":100}]}""", Ct);

        var answer = await Http.DeleteAnswerAsync("/v1/config/service-defaults/web", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Contains("does not permit advanced routing or splitting behavior", answer.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAnswerAsync("/v1/config/service-defaults/web", Ct)).Status);
    }

    [Fact]
    public async Task Write_UndecodableBodies_400RequestDecodingFailed()
    {
        var unknownKey = await Http.PutAnswerAsync("/v1/config", """{"Kind":"service-defaults","Name":"web","Nonsense":1}""", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknownKey.Status);
        Assert.StartsWith("Request decoding failed: ", unknownKey.Body, StringComparison.Ordinal);
        Assert.Contains("invalid config key \"Nonsense\"", unknownKey.Body, StringComparison.Ordinal);

        var noKind = await Http.PutAnswerAsync("/v1/config", """{"Name":"web"}""", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noKind.Status);
        Assert.Equal("Request decoding failed: Payload does not contain a kind/Kind key at the top level", noKind.Body);

        var notJson = await Http.PutAnswerAsync("/v1/config", """{"Kind":""", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.StartsWith("Request decoding failed: ", notJson.Body, StringComparison.Ordinal);

        var badCas = await Http.PutAnswerAsync("/v1/config?cas=x", """{"Kind":"service-defaults","Name":"web"}""", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badCas.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAnswerAsync("/v1/config/service-defaults/web", Ct)).Status);
    }

    [Fact]
    public async Task UnknownKind_400()
    {
        foreach (var answer in new[]
                 {
                     await Http.GetAnswerAsync("/v1/config/no-such-kind", Ct),
                     await Http.GetAnswerAsync("/v1/config/no-such-kind/x", Ct),
                     await Http.DeleteAnswerAsync("/v1/config/no-such-kind/x", Ct),
                 })
        {
            Assert.Equal((HttpStatusCode.BadRequest, "invalid config entry kind: no-such-kind"), (answer.Status, answer.Body));
        }
    }

    [Fact]
    public async Task Read_NameWithSlash_SplitsAtTheFirstSlashOnly()
    {
        var answer = await Http.GetAnswerAsync("/v1/config/service-defaults/a/b", Ct);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("Config entry not found for \"service-defaults\" / \"a/b\"", answer.Body);
    }

    [Fact]
    public async Task BlockingRead_WakesOnAWriteOfThatKind()
    {
        await Http.WriteEntryAsync("""{"Kind":"service-defaults","Name":"web","Protocol":"http"}""", Ct);
        var first = await Http.GetAnswerAsync("/v1/config/service-defaults/web", Ct);
        first.Ok<JsonObject>();

        var blockedList = Http.GetAnswerAsync($"/v1/config/service-defaults?index={first.Index}&wait=30s", Ct);
        var blockedEntry = Http.GetAnswerAsync($"/v1/config/service-defaults/web?index={first.Index}&wait=30s", Ct);
        // Barriers instead of sleeps: once a later write of another kind is applied, the readers have had every earlier
        // change to (wrongly) wake on.
        await Http.WriteEntryAsync("""{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""", Ct);
        Assert.False(blockedList.IsCompleted);
        Assert.False(blockedEntry.IsCompleted);

        // Rewriting the same content is not a change and leaves the readers waiting.
        await Http.WriteEntryAsync("""{"Kind":"service-defaults","Name":"web","Protocol":"http"}""", Ct);
        await Http.WriteEntryAsync("""{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"tcp"}}""", Ct);
        Assert.False(blockedEntry.IsCompleted);

        await Http.WriteEntryAsync("""{"Kind":"service-defaults","Name":"web","Protocol":"grpc"}""", Ct);
        var entry = await blockedEntry.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var list = await blockedList.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(entry.Index > first.Index);
        Assert.Equal("grpc", (string?)entry.Ok<JsonObject>()["Protocol"]);
        Assert.Equal("grpc", (string?)list.Ok<JsonArray>()[0]!["Protocol"]);
    }
}
