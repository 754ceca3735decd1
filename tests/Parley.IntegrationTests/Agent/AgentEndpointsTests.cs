using System.Net;
using System.Text.Json.Nodes;

namespace Parley.IntegrationTests.Agent;

/// <summary>The <c>/v1/agent/*</c> endpoints of a real agent, answering as Consul's do.</summary>
public sealed class AgentEndpointsTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    private string OwnNode => fixture.Agent.Agent.Config.NodeName;

    [Fact]
    public async Task Self_DescribesThisServer()
    {
        var self = await Http.GetJsonAsync<JsonObject>("/v1/agent/self", Ct);

        var config = self["Config"]!;
        Assert.Equal("dc1", config["Datacenter"]!.GetValue<string>());
        Assert.Equal(OwnNode, config["NodeName"]!.GetValue<string>());
        Assert.True(config["Server"]!.GetValue<bool>());
        Assert.True(Guid.TryParse(config["NodeID"]!.GetValue<string>(), out _));
        Assert.False(string.IsNullOrEmpty(config["Version"]!.GetValue<string>()));
        Assert.Equal(OwnNode, self["Member"]!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Members_ThisServerWithConsulRoleAndDatacenterTag()
    {
        var members = await Http.GetJsonAsync<JsonArray>("/v1/agent/members", Ct);

        var member = Assert.Single(members)!;
        Assert.Equal(OwnNode, member["Name"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", member["Addr"]!.GetValue<string>());
        Assert.Equal(1, member["Status"]!.GetValue<int>()); // serf's StatusAlive
        var tags = member["Tags"]!;
        Assert.Equal("consul", tags["role"]!.GetValue<string>());
        Assert.Equal("dc1", tags["dc"]!.GetValue<string>());
        Assert.Equal(
            fixture.Agent.Agent.Config.Ports.Server.ToString(System.Globalization.CultureInfo.InvariantCulture),
            tags["port"]!.GetValue<string>());
    }

    [Fact]
    public async Task Services_ListsRegisteredServicesButNotTheConsulService()
    {
        // The agent's own node carries the consul service in the catalog...
        var catalog = await Http.GetJsonAsync<JsonObject>($"/v1/catalog/node-services/{OwnNode}", Ct);
        Assert.Contains(catalog["Services"]!.AsArray(), s => s!["ID"]!.GetValue<string>() == "consul");

        await Http.PutOkAsync("/v1/agent/service/register", """
            {"Name": "listed", "ID": "listed-1", "Port": 8080, "Tags": ["a"], "Meta": {"m": "v"}}
            """, Ct);
        var services = await Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct);

        // ...but /v1/agent/services, like Consul's, leaves it out.
        Assert.False(services.ContainsKey("consul"));
        var listed = services["listed-1"]!;
        Assert.Equal("listed", listed["Service"]!.GetValue<string>());
        Assert.Equal(8080, listed["Port"]!.GetValue<int>());
        Assert.Equal("a", Assert.Single(listed["Tags"]!.AsArray())!.GetValue<string>());
        Assert.Equal("v", listed["Meta"]!["m"]!.GetValue<string>());
        Assert.Equal("dc1", listed["Datacenter"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServiceRegister_WritesToCatalogOnAgentNode_DeregisterRemovesServiceAndItsChecks()
    {
        await Http.PutOkAsync("/v1/agent/service/register", """
            {"Name": "short-lived", "Port": 9000, "Check": {"TTL": "30s"}}
            """, Ct);

        var instance = Assert.Single(await Http.GetJsonAsync<JsonArray>("/v1/catalog/service/short-lived", Ct))!;
        Assert.Equal(OwnNode, instance["Node"]!.GetValue<string>());
        var checks = await Http.GetJsonAsync<JsonObject>("/v1/agent/checks", Ct);
        var check = checks["service:short-lived"]!;
        Assert.Equal("critical", check["Status"]!.GetValue<string>()); // Consul's initial status for an agent check
        Assert.Equal("Service 'short-lived' check", check["Name"]!.GetValue<string>());

        using var response = await Http.PutAsync("/v1/agent/service/deregister/short-lived", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await Http.GetJsonAsync<JsonArray>("/v1/catalog/service/short-lived", Ct));
        Assert.False((await Http.GetJsonAsync<JsonObject>("/v1/agent/checks", Ct)).ContainsKey("service:short-lived"));
        Assert.False((await Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct)).ContainsKey("short-lived"));
    }

    [Fact]
    public async Task ServiceDeregister_UnknownId_404WithConsulText()
    {
        using var response = await Http.PutAsync("/v1/agent/service/deregister/no-such-service", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(
            "Unknown service ID \"no-such-service\". Ensure that the service ID is passed, not the service name.",
            await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task CheckUpdate_BadStatus_400WithConsulTextAndNothingWritten()
    {
        await Http.PutOkAsync("/v1/agent/service/register", """
            {"Name": "updated", "Check": {"CheckID": "updated-ttl", "TTL": "30s"}}
            """, Ct);
        await Http.PutOkAsync("/v1/agent/check/update/updated-ttl", """{"Status": "passing", "Output": "fine"}""", Ct);

        using var response = await Http.PutJsonAsync("/v1/agent/check/update/updated-ttl", """{"Status": "bogus", "Output": "x"}""", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid check status: 'bogus'", await response.Content.ReadAsStringAsync(Ct));
        var check = (await Http.GetJsonAsync<JsonObject>("/v1/agent/checks", Ct))["updated-ttl"]!;
        Assert.Equal("passing", check["Status"]!.GetValue<string>());
        Assert.Equal("fine", check["Output"]!.GetValue<string>());
    }

    [Fact]
    public async Task CheckPass_UnknownCheck_404()
    {
        using var response = await Http.PutAsync("/v1/agent/check/pass/no-such-check", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Unknown check ID \"no-such-check\"", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ServiceRegister_MissingName_400AndNothingWritten()
    {
        var before = await Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct);

        using var response = await Http.PutJsonAsync("/v1/agent/service/register", """{"ID": "nameless", "Port": 1}""", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Missing service name", await response.Content.ReadAsStringAsync(Ct));
        Assert.False((await Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct)).ContainsKey("nameless"));
        Assert.Equal(before.Count, (await Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct)).Count);
    }

    [Fact]
    public async Task ServiceRegister_CheckWithTwoKinds_400()
    {
        using var response = await Http.PutJsonAsync("/v1/agent/service/register", """
            {"Name": "confused", "Check": {"TTL": "10s", "TCP": "127.0.0.1:1", "Interval": "1s"}}
            """, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Http.GetJsonAsync<JsonArray>("/v1/catalog/service/confused", Ct));
    }

    [Fact]
    public async Task AgentService_WrongMethod_405WithAllow()
    {
        using var response = await Http.GetAsync("/v1/agent/service/register", Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("PUT", response.Content.Headers.Allow);
        Assert.Equal("method GET not allowed", await response.Content.ReadAsStringAsync(Ct));
    }
}
