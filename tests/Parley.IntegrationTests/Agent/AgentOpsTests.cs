using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Config;

namespace Parley.IntegrationTests.Agent;

/// <summary>
/// The agent's operational endpoints and the small read surfaces Consul's tools call: host, reload, monitor, token,
/// events, coordinates and autopilot, on a real agent.
/// </summary>
public sealed class AgentOpsTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Host_DescribesTheMachine()
    {
        var host = await Http.GetJsonAsync<JsonObject>("/v1/agent/host", Ct);

        Assert.Equal(Environment.MachineName, (string)host["Host"]!["hostname"]!);
        Assert.Equal(Environment.ProcessorCount, host["CPU"]!.AsArray().Count);
        Assert.True((ulong)host["Memory"]!["total"]! > 0);
        Assert.True((long)host["CollectionTime"]! > 0);
    }

    [Fact]
    public async Task Reload_WithoutConfigFiles_Answers200()
    {
        var answer = await Http.PutAnswerAsync("/v1/agent/reload", "", Ct);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task Monitor_StreamsLogEntriesAtTheAskedLevel_AndRefusesAnUnknownLevel()
    {
        var bad = await Http.GetAnswerAsync("/v1/agent/monitor?loglevel=loud", Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "Unknown log level: loud"), (bad.Status, bad.Body));

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        using var response = await Http.GetAsync(
            "/v1/agent/monitor?loglevel=debug&logjson", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token), Encoding.UTF8);

        // A TCP check on the agent's own HTTP port passes on its first run; the runner logs the change at debug, below
        // the agent's log_level (warn) — the monitor still sees it, as Consul's does.
        var port = fixture.Agent.Address.Port;
        await Http.PutOkAsync(
            "/v1/agent/service/register",
            $$$"""{"Name":"logged","Check":{"CheckID":"logged-tcp","TCP":"127.0.0.1:{{{port}}}","Interval":"1s"}}""",
            Ct);

        JsonObject? entry = null;
        while (entry is null && await reader.ReadLineAsync(cts.Token) is { } line)
        {
            var parsed = JsonNode.Parse(line)!.AsObject();
            if (((string)parsed["@message"]!).Contains("logged-tcp", StringComparison.Ordinal))
            {
                entry = parsed;
            }
        }

        Assert.NotNull(entry);
        Assert.Equal("debug", (string)entry["@level"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string)entry["@timestamp"]!);
        Assert.False(string.IsNullOrEmpty((string)entry["@module"]!));
    }

    [Fact]
    public async Task Token_WithAclsDisabled_401AsConsul()
    {
        var answer = await Http.PutAnswerAsync("/v1/agent/token/default", """{"Token":"x"}""", Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, "ACL support disabled"), (answer.Status, answer.Body));
    }

    [Fact]
    public async Task Events_FiredEventIsListed_FiltersAndNameSelect()
    {
        var fired = (await Http.PutAnswerAsync("/v1/event/fire/deploy", "v1.2", Ct)).Ok<JsonObject>();
        Assert.Equal("deploy", (string)fired["Name"]!);
        Assert.Equal(Convert.ToBase64String("v1.2"u8.ToArray()), (string)fired["Payload"]!);
        Assert.Equal(1, (int)fired["Version"]!);

        // An event meant for another node is not this agent's.
        await Http.PutAnswerAsync("/v1/event/fire/deploy?node=^someone-else$", "", Ct);
        var (list, index) = await Http.GetJsonWithIndexAsync<JsonArray>("/v1/event/list?name=deploy", Ct);
        var only = Assert.Single(list)!;
        Assert.Equal((string)fired["ID"]!, (string)only["ID"]!);
        Assert.True(index > 0);

        var missing = await Http.PutAnswerAsync("/v1/event/fire/", "", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        var tagOnly = await Http.PutAnswerAsync("/v1/event/fire/x?tag=a", "", Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "Cannot provide tag filter without service filter"), (tagOnly.Status, tagOnly.Body));
        var tooBig = await Http.PutAnswerAsync("/v1/event/fire/x", new string('a', 513), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.Status);
        Assert.Single(await Http.GetJsonAsync<JsonArray>("/v1/event/list?name=deploy", Ct));
    }

    [Fact]
    public async Task EventList_BlocksUntilAnEventIsFired()
    {
        var (_, index) = await Http.GetJsonWithIndexAsync<JsonArray>("/v1/event/list", Ct);
        var waiting = Http.GetJsonWithIndexAsync<JsonArray>($"/v1/event/list?index={index}&wait=30s", Ct);
        await Task.Delay(200, Ct);
        Assert.False(waiting.IsCompleted);

        await Http.PutAnswerAsync("/v1/event/fire/wake", "", Ct);

        var (events, after) = await waiting.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.True(after > index);
        Assert.Contains(events, e => (string)e!["Name"]! == "wake");
    }

    [Fact]
    public async Task Coordinates_EmptyButWellFormed()
    {
        var dcs = await Http.GetJsonAsync<JsonArray>("/v1/coordinate/datacenters", Ct);
        var dc = Assert.Single(dcs)!;
        Assert.Equal(("dc1", "wan"), ((string)dc["Datacenter"]!, (string)dc["AreaID"]!));
        Assert.Empty(dc["Coordinates"]!.AsArray());

        Assert.Empty(await Http.GetJsonAsync<JsonArray>("/v1/coordinate/nodes", Ct));
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await Http.GetAnswerAsync("/v1/coordinate/node/" + fixture.Agent.Agent.Config.NodeName, Ct)).Status);
    }

    [Fact]
    public async Task AutopilotConfiguration_ConsulsDefaults_CasWrite_AndRefusals()
    {
        var initial = await Http.GetJsonAsync<JsonObject>("/v1/operator/autopilot/configuration", Ct);
        Assert.True((bool)initial["CleanupDeadServers"]!);
        Assert.Equal(
            ("200ms", "10s", 250),
            ((string)initial["LastContactThreshold"]!, (string)initial["ServerStabilizationTime"]!, (int)initial["MaxTrailingLogs"]!));

        Assert.Equal("true",
            (await Http.PutAnswerAsync("/v1/operator/autopilot/configuration",
            """{"CleanupDeadServers":false,"LastContactThreshold":"1s"}""", Ct)).Body);
        var written = await Http.GetJsonAsync<JsonObject>("/v1/operator/autopilot/configuration", Ct);
        Assert.False((bool)written["CleanupDeadServers"]!);
        Assert.Equal("1s", (string)written["LastContactThreshold"]!);
        var modify = (long)written["ModifyIndex"]!;

        Assert.Equal(
            "false",
            (await Http.PutAnswerAsync($"/v1/operator/autopilot/configuration?cas={modify - 1}", """{"MaxTrailingLogs":9}""", Ct)).Body);
        Assert.Equal(
            "true",
            (await Http.PutAnswerAsync($"/v1/operator/autopilot/configuration?cas={modify}", """{"MaxTrailingLogs":9}""", Ct)).Body);
        Assert.Equal(9, (int)(await Http.GetJsonAsync<JsonObject>("/v1/operator/autopilot/configuration", Ct))["MaxTrailingLogs"]!);

        var bad = await Http.PutAnswerAsync("/v1/operator/autopilot/configuration", """{"LastContactThreshold":"soon"}""", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.StartsWith("Error parsing autopilot config: ", bad.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutopilotHealthAndState_TheOneServerLeadsAndIsHealthy()
    {
        var health = await Http.GetJsonAsync<JsonObject>("/v1/operator/autopilot/health", Ct);
        Assert.True((bool)health["Healthy"]!);
        var server = Assert.Single(health["Servers"]!.AsArray())!;
        Assert.Equal(fixture.Agent.Agent.Config.NodeName, (string)server["Name"]!);
        Assert.True((bool)server["Leader"]! && (bool)server["Voter"]!);

        var state = await Http.GetJsonAsync<JsonObject>("/v1/operator/autopilot/state", Ct);
        var leader = (string)state["Leader"]!;
        Assert.Equal("leader", (string)state["Servers"]![leader]!["Status"]!);
        Assert.Equal(leader, (string)Assert.Single(state["Voters"]!.AsArray())!);
    }
}
