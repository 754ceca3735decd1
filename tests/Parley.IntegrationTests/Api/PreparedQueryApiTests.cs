using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Config;

namespace Parley.IntegrationTests.Api;

/// <summary>
/// <c>/v1/query</c> against a real agent: CRUD in Consul's shapes and texts, execute with its filters, templates, explain.
/// </summary>
public sealed class PreparedQueryApiTests : OneAgentTests
{
    [Fact]
    public async Task Crud_CreateReadListUpdateDelete_InConsulsShapes()
    {
        var created = (await Http.PostAnswerAsync("/v1/query",
            """{"Name":"web-q","Service":{"Service":"web","Tags":["v1","!canary"],"OnlyPassing":true},"DNS":{"TTL":"10s"}}""", Ct))
                .Ok<JsonObject>();
        var id = (string)created["ID"]!;
        Assert.True(Guid.TryParseExact(id, "D", out _), id);

        var read = await Http.GetAnswerAsync($"/v1/query/{id}", Ct);
        var query = Assert.Single(read.Ok<JsonArray>())!.AsObject();
        Assert.Equal((id, "web-q", "web", "10s", true),
            ((string?)query["ID"], (string?)query["Name"], (string?)query["Service"]!["Service"],
            (string?)query["DNS"]!["TTL"], (bool)query["Service"]!["OnlyPassing"]!));
        Assert.Equal(["v1", "!canary"], query["Service"]!["Tags"]!.AsArray().Select(t => (string?)t));
        var createIndex = (long)query["CreateIndex"]!;
        Assert.Equal(read.Index, createIndex);

        var update = await Http.PutAnswerAsync($"/v1/query/{id}", """{"Name":"web-renamed","Service":{"Service":"web"}}""", Ct);
        Assert.Equal(HttpStatusCode.OK, update.Status);
        var updated = Assert.Single((await Http.GetAnswerAsync("/v1/query", Ct)).Ok<JsonArray>())!;
        Assert.Equal(("web-renamed", createIndex), ((string?)updated["Name"], (long)updated["CreateIndex"]!));
        Assert.True((long)updated["ModifyIndex"]! > createIndex);

        Assert.Equal(HttpStatusCode.OK, (await Http.DeleteAnswerAsync($"/v1/query/{id}", Ct)).Status);
        var gone = await Http.GetAnswerAsync($"/v1/query/{id}", Ct);
        Assert.Equal((HttpStatusCode.NotFound, "Query not found"), (gone.Status, gone.Body));
        Assert.Empty((await Http.GetAnswerAsync("/v1/query", Ct)).Ok<JsonArray>());
    }

    [Theory]
    [InlineData("""{"Name":"q"}""", "Invalid prepared query: Must provide a Service name to query")]
    [InlineData("""{"Service":{"Service":"web"}}""", "Invalid prepared query: Must be bound to a session")]
    [InlineData("""{"ID":"8f246b77-f3e1-ff88-5b48-8ec93abf3e05","Name":"q","Service":{"Service":"web"}}""",
        "ID must be empty when creating a new prepared query")]
    [InlineData("""{"Name":"q","Service":{"Service":"web"},"DNS":{"TTL":"1 hour"}}""",
        "Invalid prepared query: Bad DNS TTL '1 hour': time: unknown unit \" hour\" in duration \"1 hour\"")]
    [InlineData("""{"Name":"q","Template":{"Type":"name_prefix_match"},"Service":{"Service":"${nope}"}}""",
        "failed compiling template: Bad format '${nope}' in Service.Service: unknown variable accessed: nope")]
    public async Task Create_Invalid_Answers400WithConsulsText_AndWritesNothing(string body, string expected)
    {
        var answer = await Http.PostAnswerAsync("/v1/query", body, Ct);

        Assert.Equal((HttpStatusCode.BadRequest, expected), (answer.Status, answer.Body));
        Assert.Empty((await Http.GetAnswerAsync("/v1/query", Ct)).Ok<JsonArray>());
    }

    [Fact]
    public async Task Create_NameTakenIgnoringCase_IsRefused_AndUpdateOfAMissingQueryToo()
    {
        await Http.PostAnswerAsync("/v1/query", """{"Name":"web","Service":{"Service":"web"}}""", Ct);

        var twin = await Http.PostAnswerAsync("/v1/query", """{"Name":"WEB","Service":{"Service":"web"}}""", Ct);
        var missing = await Http.PutAnswerAsync(
            "/v1/query/8f246b77-f3e1-ff88-5b48-8ec93abf3e05",
            """{"Name":"x","Service":{"Service":"web"}}""",
            Ct);

        Assert.Equal((HttpStatusCode.BadRequest, "name 'WEB' aliases an existing query name"), (twin.Status, twin.Body));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("Cannot modify non-existent prepared query: '8f246b77-f3e1-ff88-5b48-8ec93abf3e05'", missing.Body);
        Assert.Single((await Http.GetAnswerAsync("/v1/query", Ct)).Ok<JsonArray>());
    }

    [Fact]
    public async Task Execute_KeepsHealthyInstancesWithTheTags_AndAnswersConsulsShape()
    {
        await RegisterAsync("n1", "10.0.0.1", ["v1"], "passing");
        await RegisterAsync("n2", "10.0.0.2", ["v1"], "critical");
        await RegisterAsync("n3", "10.0.0.3", ["v1"], "warning");
        await RegisterAsync("n4", "10.0.0.4", ["v1", "canary"], "passing");
        await Http.PostAnswerAsync(
            "/v1/query",
            """{"Name":"web-v1","Service":{"Service":"web","Tags":["V1","!canary"]},"DNS":{"TTL":"7s"}}""",
            Ct);
        await Http.PostAnswerAsync("/v1/query", """{"Name":"web-passing","Service":{"Service":"web","OnlyPassing":true}}""", Ct);

        var answer = (await Http.GetAnswerAsync("/v1/query/web-v1/execute", Ct)).Ok<JsonObject>();
        var passing = (await Http.GetAnswerAsync("/v1/query/WEB-PASSING/execute", Ct)).Ok<JsonObject>();
        var limited = (await Http.GetAnswerAsync("/v1/query/web-v1/execute?limit=1", Ct)).Ok<JsonObject>();

        Assert.Equal(
            ("web", "7s", "dc1", 0),
            ((string?)answer["Service"], (string?)answer["DNS"]!["TTL"], (string?)answer["Datacenter"], (int)answer["Failovers"]!));
        Assert.Equal(["n1", "n3"], Nodes(answer).Order(StringComparer.Ordinal));
        Assert.Equal("web", (string?)answer["Nodes"]![0]!["Service"]!["Service"]);
        Assert.NotNull(answer["Nodes"]![0]!["Checks"]);
        Assert.Equal(["n1", "n4"], Nodes(passing).Order(StringComparer.Ordinal));
        Assert.Single(Nodes(limited));
        var missing = await Http.GetAnswerAsync("/v1/query/nope/execute", Ct);
        Assert.Equal((HttpStatusCode.NotFound, "Query not found"), (missing.Status, missing.Body));
    }

    [Fact]
    public async Task Template_AnswersEveryNameItsPrefixMatches_AndExplainShowsItRendered()
    {
        await RegisterAsync("n1", "10.0.0.1", ["primary"], "passing");
        await RegisterAsync("n2", "10.0.0.2", ["replica"], "passing");
        await Http.PostAnswerAsync("/v1/query",
            """{"Name":"geo-","Template":{"Type":"name_prefix_match","Regexp":"^geo-([^.]+)(?:\\.(.+))?$","RemoveEmptyTags":""" +
                """true},"Service":{"Service":"${match(1)}","Tags":["${match(2)}"]}}""",
            Ct);
        await Http.PostAnswerAsync(
            "/v1/query",
            """{"Name":"geo-db-","Template":{"Type":"name_prefix_match"},"Service":{"Service":"${name.suffix}"}}""",
            Ct);

        var all = (await Http.GetAnswerAsync("/v1/query/geo-web/execute", Ct)).Ok<JsonObject>();
        var primary = (await Http.GetAnswerAsync("/v1/query/geo-web.primary/execute", Ct)).Ok<JsonObject>();
        var explained = (await Http.GetAnswerAsync("/v1/query/geo-web.primary/explain", Ct)).Ok<JsonObject>()["Query"]!;
        var longer = (await Http.GetAnswerAsync("/v1/query/geo-db-web/explain", Ct)).Ok<JsonObject>()["Query"]!;

        Assert.Equal(["n1", "n2"], Nodes(all).Order(StringComparer.Ordinal));
        Assert.Equal(["n1"], Nodes(primary));
        Assert.Equal(
            ("geo-", "web", "primary"),
            ((string?)explained["Name"], (string?)explained["Service"]!["Service"], (string?)explained["Service"]!["Tags"]![0]));
        Assert.Equal(("geo-db-", "web"), ((string?)longer["Name"], (string?)longer["Service"]!["Service"]));
        var stored = (await Http.GetAnswerAsync("/v1/query", Ct)).Ok<JsonArray>();
        Assert.Contains(stored, q => (string?)q!["Service"]!["Service"] == "${match(1)}");
    }

    private async Task RegisterAsync(string node, string address, string[] tags, string status)
    {
        var body = new JsonObject
        {
            ["Node"] = node,
            ["Address"] = address,
            ["Service"] = new JsonObject
            {
                ["Service"] = "web",
                ["Port"] = 80,
                ["Tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))])
            },
            ["Check"] = new JsonObject { ["CheckID"] = "web-check", ["Name"] = "web", ["Status"] = status, ["ServiceID"] = "web" },
        };
        var answer = await Http.PutAnswerAsync("/v1/catalog/register", body.ToJsonString(), Ct);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
    }

    private static List<string> Nodes(JsonObject answer) => [.. answer["Nodes"]!.AsArray().Select(n => (string)n!["Node"]!["Node"]!)];
}
