using System.Net;
using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Config;

/// <summary>
/// The intention writes against a real agent: the legacy ID-based API and the exact upsert/delete, each read back from the
/// <c>service-intentions</c> entry it wrote.
/// </summary>
public sealed class IntentionWriteApiTests : IAsyncLifetime
{
    private TestAgent _agent = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => _agent.Http;

    public async ValueTask InitializeAsync() => _agent = await TestAgent.StartAsync(cancellationToken: Ct);

    public async ValueTask DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Legacy_CreateReadUpdateDelete_ThroughTheEntry_IdStable()
    {
        var created = (await Http.PostAnswerAsync("/v1/connect/intentions",
            """{"SourceName":"web","DestinationName":"db","Action":"allow","Description":"first","Meta":{"team":"a"}}""", Ct))
                .Ok<JsonObject>();
        var id = (string)created["ID"]!;
        Assert.True(Guid.TryParse(id, out _), id);

        // The entry carries the ID and the legacy fields; every read shows the same ID.
        var entry = await EntryAsync("db");
        var source = Assert.Single(entry["Sources"]!.AsArray())!;
        Assert.Equal((id, "allow", "a"), ((string?)source["LegacyID"], (string?)source["Action"], (string?)source["LegacyMeta"]!["team"]));
        var byId = (await Http.GetAnswerAsync($"/v1/connect/intentions/{id}", Ct)).Ok<JsonObject>();
        Assert.Equal(
            ("web", "db", "first", "a"),
            ((string?)byId["SourceName"], (string?)byId["DestinationName"], (string?)byId["Description"], (string?)byId["Meta"]!["team"]));
        var listed = Assert.Single((await Http.GetAnswerAsync("/v1/connect/intentions", Ct)).Ok<JsonArray>())!;
        Assert.Equal(id, (string?)listed["ID"]);
        Assert.Equal(
            id,
            (string?)(await Http.GetAnswerAsync("/v1/connect/intentions/exact?source=web&destination=db", Ct)).Ok<JsonObject>()["ID"]);

        // An update keeps the ID and the creation time and changes the rest.
        var updated = (await Http.PutAnswerAsync($"/v1/connect/intentions/{id}",
            """{"SourceName":"web","DestinationName":"db","Action":"deny"}""", Ct)).Ok<JsonObject>();
        Assert.Equal(id, (string?)updated["ID"]);
        var afterUpdate = (await Http.GetAnswerAsync($"/v1/connect/intentions/{id}", Ct)).Ok<JsonObject>();
        Assert.Equal(("deny", (string?)byId["CreatedAt"]), ((string?)afterUpdate["Action"], (string?)afterUpdate["CreatedAt"]));
        Assert.False((await Http.GetAnswerAsync("/v1/connect/intentions/check?source=web&destination=db", Ct))
            .Ok<JsonObject>()["Allowed"]!.GetValue<bool>());

        // Deleting the last source deletes the entry.
        Assert.Equal("true", (await Http.DeleteAnswerAsync($"/v1/connect/intentions/{id}", Ct)).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAnswerAsync("/v1/config/service-intentions/db", Ct)).Status);
        var gone = await Http.GetAnswerAsync($"/v1/connect/intentions/{id}", Ct);
        Assert.Equal((HttpStatusCode.NotFound, "Intention not found"), (gone.Status, gone.Body));
    }

    [Fact]
    public async Task Legacy_Refusals_ConsulTexts_NothingWritten()
    {
        (await Http.PostAnswerAsync("/v1/connect/intentions", """{"SourceName":"web","DestinationName":"api","Action":"allow"}""", Ct))
            .Ok<JsonObject>();
        var before = (await EntryAsync("api")).ToJsonString();

        await AssertRefusedAsync(
            Http.PostAnswerAsync("/v1/connect/intentions", """{"SourceName":"web","DestinationName":"api","Action":"deny"}""", Ct),
            HttpStatusCode.InternalServerError, "Sources[1] defines \"web\" more than once");
        await AssertRefusedAsync(
            Http.PostAnswerAsync("/v1/connect/intentions", """{"ID":"x","SourceName":"a","DestinationName":"api","Action":"deny"}""", Ct),
            HttpStatusCode.InternalServerError, "ID must be empty when creating a new intention");
        await AssertRefusedAsync(Http.PostAnswerAsync("/v1/connect/intentions",
                """{"SourceName":"a","SourcePeer":"cluster-02","DestinationName":"api","Action":"allow"}""", Ct),
            HttpStatusCode.InternalServerError, "SourcePeer field is not supported on this endpoint. Use config entries instead");
        await AssertRefusedAsync(Http.PostAnswerAsync("/v1/connect/intentions",
                """{"SourceName":"b","DestinationName":"api","Permissions":[{"Action":"allow","HTTP":{"PathPrefix":"/x"}}]}""", Ct),
            HttpStatusCode.InternalServerError, "Sources[1].Action must be set to 'allow' or 'deny'");
        await AssertRefusedAsync(
            Http.PostAnswerAsync("/v1/connect/intentions", """{"SourceName":"c","DestinationName":"api","Action":"maybe"}""", Ct),
            HttpStatusCode.InternalServerError, "Sources[1].Action must be set to 'allow' or 'deny'");
        await AssertRefusedAsync(
            Http.PostAnswerAsync("/v1/connect/intentions", """{"SourceName":{"a":1},"DestinationName":"api","Action":"allow"}""", Ct),
            HttpStatusCode.BadRequest, "Failed to decode request body: ");
        await AssertRefusedAsync(Http.PutAnswerAsync("/v1/connect/intentions/0f1e2d3c-0000-0000-0000-000000000000",
                """{"SourceName":"web","DestinationName":"api","Action":"deny"}""", Ct),
            HttpStatusCode.InternalServerError, "Cannot modify non-existent intention: '0f1e2d3c-0000-0000-0000-000000000000'");
        await AssertRefusedAsync(Http.DeleteAnswerAsync("/v1/connect/intentions/0f1e2d3c-0000-0000-0000-000000000000", Ct),
            HttpStatusCode.InternalServerError, "Cannot delete non-existent intention: '0f1e2d3c-0000-0000-0000-000000000000'");
        Assert.Equal(before, (await EntryAsync("api")).ToJsonString());

        // A destination written as a config entry is not the legacy API's to edit, as in Consul.
        await Http.WriteEntryAsync("""{"Kind":"service-intentions","Name":"cfg","Sources":[{"Name":"web","Action":"allow"}]}""", Ct);
        await AssertRefusedAsync(
            Http.PostAnswerAsync("/v1/connect/intentions", """{"SourceName":"api","DestinationName":"cfg","Action":"allow"}""", Ct),
            HttpStatusCode.InternalServerError,
            "cannot use legacy intention API to edit intentions with a destination of \"cfg\" after editing them via a " +
                "service-intentions config entry");
    }

    [Fact]
    public async Task Exact_UpsertAndDelete_PeerSources_IntoTheConfigEntry()
    {
        await Http.WriteEntryAsync(
            """{"Kind":"service-intentions","Name":"backend","Meta":{"owner":"ui"},"Sources":[{"Name":"web","Action":"allow"}]}""",
            Ct);

        Assert.Equal("true", (await Http.PutAnswerAsync(
            "/v1/connect/intentions/exact?source=peer:cluster-02/frontend&destination=backend",
                """{"Action":"allow","Description":"from 02"}""", Ct)).Body);
        Assert.Equal(
            "true",
            (await Http.PutAnswerAsync("/v1/connect/intentions/exact?source=web&destination=backend", """{"Action":"deny"}""", Ct)).Body);

        var entry = await EntryAsync("backend");
        Assert.Equal("ui", (string?)entry["Meta"]!["owner"]);
        Assert.Equal(
            [("", "web", "deny", ""), ("cluster-02", "frontend", "allow", "from 02")],
            entry["Sources"]!.AsArray()
                .Select(s => ((string?)s!["Peer"] ?? "", (string)s["Name"]!, (string)s["Action"]!, (string?)s["Description"] ?? "")));
        Assert.False((await Http.GetAnswerAsync("/v1/connect/intentions/check?source=web&destination=backend", Ct))
            .Ok<JsonObject>()["Allowed"]!.GetValue<bool>());

        // Meta belongs to the entry: repeating it is accepted, changing it is not.
        await AssertRefusedAsync(
            Http.PutAnswerAsync(
            "/v1/connect/intentions/exact?source=x&destination=backend", """{"Action":"allow","Meta":{"owner":"cli"}}""", Ct),
            HttpStatusCode.InternalServerError, "Meta must not be specified, or should be unchanged during an update.");
        await AssertRefusedAsync(
            Http.PutAnswerAsync("/v1/connect/intentions/exact?source=x&destination=fresh", """{"Action":"allow","Meta":{"a":"b"}}""", Ct),
            HttpStatusCode.InternalServerError, "Meta must not be specified");

        // Deleting by name is idempotent; the peer's source and the local one of the same name are different sources.
        Assert.Equal("true", (await Http.DeleteAnswerAsync("/v1/connect/intentions/exact?source=frontend&destination=backend", Ct)).Body);
        Assert.Equal(2, (await EntryAsync("backend"))["Sources"]!.AsArray().Count);
        Assert.Equal(
            "true",
            (await Http.DeleteAnswerAsync("/v1/connect/intentions/exact?source=peer:cluster-02/frontend&destination=backend", Ct)).Body);
        Assert.Equal("web", (string?)Assert.Single((await EntryAsync("backend"))["Sources"]!.AsArray())!["Name"]);
        Assert.Equal("true", (await Http.DeleteAnswerAsync("/v1/connect/intentions/exact?source=web&destination=backend", Ct)).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAnswerAsync("/v1/config/service-intentions/backend", Ct)).Status);

        await AssertRefusedAsync(Http.PutAnswerAsync("/v1/connect/intentions/exact?destination=backend", """{"Action":"allow"}""", Ct),
            HttpStatusCode.BadRequest, "required query parameter 'source' not set");
    }

    [Fact]
    public async Task Exact_ConcurrentWritersToOneDestination_NoSourceLost()
    {
        // Each write is a read-modify-write of one entry; the check-and-set on its index makes the losers recompute.
        var names = Enumerable.Range(0, 24).Select(i => $"caller-{i:D2}").ToList();
        var answers = await Task.WhenAll(names.Select(n =>
            Http.PutAnswerAsync($"/v1/connect/intentions/exact?source={n}&destination=shared", """{"Action":"allow"}""", Ct)));
        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, "true"), (a.Status, a.Body)));

        var stored = (await EntryAsync("shared"))["Sources"]!.AsArray().Select(s => (string)s!["Name"]!).Order(StringComparer.Ordinal);
        Assert.Equal(names, stored);
    }

    private async Task<JsonObject> EntryAsync(string destination) =>
        (await Http.GetAnswerAsync($"/v1/config/service-intentions/{destination}", Ct)).Ok<JsonObject>();

    private static async Task AssertRefusedAsync(Task<ConfigHttp.Answer> call, HttpStatusCode status, string text)
    {
        var answer = await call;
        Assert.True(
            answer.Status == status && answer.Body.StartsWith(text, StringComparison.Ordinal),
            $"expected {(int)status} {text}, got {(int)answer.Status} {answer.Body}");
    }
}
