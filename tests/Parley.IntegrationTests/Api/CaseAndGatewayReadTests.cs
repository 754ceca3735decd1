using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;

namespace Parley.IntegrationTests.Api;

/// <summary>Service names looked up without regard to case, and the gateway reads, as Consul's clients use them.</summary>
public sealed class CaseAndGatewayReadTests : OneAgentTests
{
    [Fact]
    public async Task ServiceLookups_IgnoreCase_AndAnswerTheRegisteredName()
    {
        await Http.PutOkAsync(
            "/v1/catalog/register",
            """{"Node":"case-node","Address":"10.0.0.9","Service":{"Service":"Web","Port":80}}""",
            Ct);

        var catalog = await Http.GetJsonAsync<JsonArray>("/v1/catalog/service/web", Ct);
        var health = await Http.GetJsonAsync<JsonArray>("/v1/health/service/WEB", Ct);

        Assert.Equal("Web", (string)Assert.Single(catalog)!["ServiceName"]!);
        Assert.Equal("Web", (string)Assert.Single(health)!["Service"]!["Service"]!);

        // Deregistering through another spelling of the node's name removes it from the name's lookups too.
        await Http.PutOkAsync("/v1/catalog/deregister", """{"Node":"CASE-NODE","ServiceID":"Web"}""", Ct);
        Assert.Empty(await Http.GetJsonAsync<JsonArray>("/v1/catalog/service/wEb", Ct));
    }

    [Fact]
    public async Task AgentHealthByName_IgnoresCase_AndAnswersTheRegisteredName()
    {
        await Http.PutOkAsync("/v1/agent/service/register", """{"Name":"Billing","ID":"billing-1","Port":80}""", Ct);

        using var response = await Http.GetAsync("/v1/agent/health/service/name/BILLING", Ct);
        var rows = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("billing-1", "Billing"), ((string?)Assert.Single(rows)!["Service"]!["ID"], (string?)rows[0]!["Service"]!["Service"]));
    }

    [Fact]
    public async Task IngressAndGatewayServices_NoGatewayEntries_EmptyListsWithAnIndex()
    {
        await Http.PutOkAsync("/v1/agent/service/register", """{"Name":"fronted","Port":80}""", Ct);

        foreach (var path in new[] { "/v1/health/ingress/fronted", "/v1/catalog/gateway-services/some-gateway" })
        {
            using var response = await Http.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("[]", await response.Content.ReadAsStringAsync(Ct));
            Assert.True(
                long.Parse(response.Headers.GetValues("X-Consul-Index").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0,
                path);
        }
    }
}
