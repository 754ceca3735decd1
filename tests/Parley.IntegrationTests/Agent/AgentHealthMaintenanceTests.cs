using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Config;

namespace Parley.IntegrationTests.Agent;

/// <summary>
/// <c>/v1/agent/health/service/*</c> and maintenance mode on a real agent: Consul's status codes by aggregated health,
/// its texts, and maintenance as a critical check every health read sees.
/// </summary>
public sealed class AgentHealthMaintenanceTests : OneAgentTests
{
    [Fact]
    public async Task HealthById_AnswersConsulsCodeForTheAggregatedStatus()
    {
        await Http.PutOkAsync(
            "/v1/agent/service/register",
            """{"Name":"web","ID":"web-1","Port":80,"Check":{"CheckID":"web-ttl","TTL":"300s"}}""",
            Ct);

        // A TTL check starts critical: 503.
        var critical = await Http.GetAnswerAsync("/v1/agent/health/service/id/web-1", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, critical.Status);
        Assert.Equal("critical", (string)critical.Json["AggregatedStatus"]!);
        Assert.Equal("web-1", (string)critical.Json["Service"]!["ID"]!);
        Assert.Contains(critical.Json["Checks"]!.AsArray(), c => (string)c!["CheckID"]! == "web-ttl");

        await Http.PutOkAsync("/v1/agent/check/warn/web-ttl", "", Ct);
        var warning = await Http.GetAnswerAsync("/v1/agent/health/service/id/web-1", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, warning.Status);
        Assert.Equal("warning", (string)warning.Json["AggregatedStatus"]!);

        await Http.PutOkAsync("/v1/agent/check/pass/web-ttl", "", Ct);
        var passing = await Http.GetAnswerAsync("/v1/agent/health/service/id/web-1?format=text", Ct);
        Assert.Equal((HttpStatusCode.OK, "passing"), (passing.Status, passing.Body));
    }

    [Fact]
    public async Task HealthByName_WorstInstanceWins_UnknownIs404WithConsulsText()
    {
        await Http.PutOkAsync(
            "/v1/agent/service/register",
            """{"Name":"api","ID":"api-1","Check":{"CheckID":"api-1-ttl","TTL":"300s"}}""",
            Ct);
        await Http.PutOkAsync(
            "/v1/agent/service/register",
            """{"Name":"api","ID":"api-2","Check":{"CheckID":"api-2-ttl","TTL":"300s"}}""",
            Ct);
        await Http.PutOkAsync("/v1/agent/check/pass/api-1-ttl", "", Ct);
        await Http.PutOkAsync("/v1/agent/check/warn/api-2-ttl", "", Ct);

        var both = await Http.GetAnswerAsync("/v1/agent/health/service/name/api", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, both.Status);
        Assert.Equal(2, both.Json.AsArray().Count);

        var unknown = await Http.GetAnswerAsync("/v1/agent/health/service/name/nope?format=text", Ct);
        Assert.Equal((HttpStatusCode.NotFound, "ServiceName nope Not Found"), (unknown.Status, unknown.Body));
        var unknownId = await Http.GetAnswerAsync("/v1/agent/health/service/id/nope", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknownId.Status);
        Assert.Equal("critical", (string)unknownId.Json["AggregatedStatus"]!);
        Assert.Null(unknownId.Json["Service"]);
    }

    [Fact]
    public async Task ServiceMaintenance_HidesTheInstanceFromPassingReads_UntilDisabled()
    {
        await Http.PutOkAsync("/v1/agent/service/register", """{"Name":"db","ID":"db-1","Port":5432}""", Ct);
        Assert.Single(await Http.GetJsonAsync<JsonArray>("/v1/health/service/db?passing", Ct));

        await Http.PutOkAsync("/v1/agent/service/maintenance/db-1?enable=true&reason=upgrade", "", Ct);

        Assert.Empty(await Http.GetJsonAsync<JsonArray>("/v1/health/service/db?passing", Ct));
        var check = (await Http.GetJsonAsync<JsonObject>("/v1/agent/checks", Ct))["_service_maintenance:db-1"]!;
        Assert.Equal(("critical", "upgrade", "db-1"), ((string)check["Status"]!, (string)check["Notes"]!, (string)check["ServiceID"]!));
        var health = await Http.GetAnswerAsync("/v1/agent/health/service/id/db-1", Ct);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "maintenance"), (health.Status, (string)health.Json["AggregatedStatus"]!));

        await Http.PutOkAsync("/v1/agent/service/maintenance/db-1?enable=false", "", Ct);
        Assert.Single(await Http.GetJsonAsync<JsonArray>("/v1/health/service/db?passing", Ct));
    }

    [Fact]
    public async Task NodeMaintenance_DefaultReason_AndConsulsRefusals()
    {
        await Http.PutOkAsync("/v1/agent/service/register", """{"Name":"cache","ID":"cache-1"}""", Ct);
        await Http.PutOkAsync("/v1/agent/maintenance?enable=true", "", Ct);

        var check = (await Http.GetJsonAsync<JsonObject>("/v1/agent/checks", Ct))["_node_maintenance"]!;
        Assert.Equal(
            "Maintenance mode is enabled for this node, but no reason was provided. This is a default message.",
            (string)check["Notes"]!);
        Assert.Empty(await Http.GetJsonAsync<JsonArray>("/v1/health/service/cache?passing", Ct));
        await Http.PutOkAsync("/v1/agent/maintenance?enable=false", "", Ct);
        Assert.Single(await Http.GetJsonAsync<JsonArray>("/v1/health/service/cache?passing", Ct));

        var missing = await Http.PutAnswerAsync("/v1/agent/maintenance", "", Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "Missing value for enable"), (missing.Status, missing.Body));
        var bad = await Http.PutAnswerAsync("/v1/agent/maintenance?enable=maybe", "", Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "Invalid value for enable: \"maybe\""), (bad.Status, bad.Body));
        var unknown = await Http.PutAnswerAsync("/v1/agent/service/maintenance/ghost?enable=true", "", Ct);
        Assert.Equal((HttpStatusCode.NotFound, "Unknown service ID \"ghost\""), (unknown.Status, unknown.Body));
        Assert.False((await Http.GetJsonAsync<JsonObject>("/v1/agent/checks", Ct)).ContainsKey("_service_maintenance:ghost"));
    }
}
