using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;

namespace Parley.IntegrationTests.Api;

/// <summary><c>?filter=</c> on the list endpoints of a real agent: Consul's selectors per endpoint, and a 400 (never an
/// unfiltered list) for an expression that does not parse or names nothing.</summary>
public sealed class FilterApiTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    /// <summary>Every endpoint that accepts a filter, with one valid expression for its element type.</summary>
    public static TheoryData<string, string> Endpoints => new()
    {
        { "/v1/catalog/nodes", "Node == x" },
        { "/v1/catalog/services", "ServiceName == x" },
        { "/v1/catalog/service/web", "ServiceMeta.version == x" },
        { "/v1/catalog/connect/web", "ServiceName == x" },
        { "/v1/catalog/node/web-1", "Service == x" },
        { "/v1/catalog/node-services/web-1", "Service == x" },
        { "/v1/health/service/web", "Service.Meta.version == x" },
        { "/v1/health/connect/web", "Service.Service == x" },
        { "/v1/health/checks/web", "Status == x" },
        { "/v1/health/node/web-1", "Status == x" },
        { "/v1/health/state/any", "Status == x" },
        { "/v1/agent/services", "Service == x" },
        { "/v1/agent/checks", "Status == x" },
        { "/v1/agent/members", "Name == x" },
        { "/v1/config/service-defaults", "Name == x" },
        { "/v1/connect/intentions", "SourceName == x" },
    };

    private async Task RegisterAsync()
    {
        foreach (
            var (node, version, status, rack) in new[] { ("web-1", "v1", "passing", "r1"), ("web-2", "v2", "passing", "r2"),
            ("web-3", "v2", "critical", "r1") })
        {
            await Http.PutOkAsync("/v1/catalog/register", $$$"""
                {"Node":"{{{node}}}","Address":"10.0.0.{{{node[^1]}}}","NodeMeta":{"rack":"{{{rack}}}"},
                 "Service":{"Service":"web","Port":80,"Tags":["{{{version}}}"],"Meta":{"version":"{{{version}}}"}},
                 "Check":{"CheckID":"alive","Name":"alive","Status":"{{{status}}}","ServiceID":"web"}}
                """, Ct);
        }
    }

    private static IEnumerable<string> Nodes(JsonArray rows, string field = "Node") =>
        rows.Select(r => field.Split('.').Aggregate((JsonNode?)r, (n, p) => n![p])!.GetValue<string>()).Order(StringComparer.Ordinal);

    [Fact]
    public async Task CatalogAndHealth_AnswerOnlyWhatMatches()
    {
        await RegisterAsync();

        var v2 = await Http.GetJsonAsync<JsonArray>(
            "/v1/catalog/service/web?filter=" + Uri.EscapeDataString("ServiceMeta.version == v2"),
            Ct);
        Assert.Equal(["web-2", "web-3"], Nodes(v2));

        var healthy = await Http.GetJsonAsync<JsonArray>(
            "/v1/health/service/web?filter=" + Uri.EscapeDataString("Service.Meta.version == \"v2\" and Checks.Status != critical"), Ct);
        Assert.Equal(["web-2"], Nodes(healthy, "Node.Node"));

        var rackOne = await Http.GetJsonAsync<JsonArray>(
            "/v1/catalog/nodes?filter=" + Uri.EscapeDataString("Meta.rack == r1 and Node matches `^web`"),
            Ct);
        Assert.Equal(["web-1", "web-3"], Nodes(rackOne));

        var services = await Http.GetJsonAsync<JsonObject>("/v1/catalog/services?filter=" + Uri.EscapeDataString("v1 in ServiceTags"), Ct);
        Assert.Equal(["v1"], services["web"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.False(services.ContainsKey("consul"));

        var critical = await Http.GetJsonAsync<JsonArray>(
            "/v1/health/state/any?filter=" + Uri.EscapeDataString("ServiceName == web and Status == critical"),
            Ct);
        Assert.Equal(["web-3"], Nodes(critical));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryFilteredEndpoint_AcceptsItsSelectors_AndRefusesMalformedWithThePosition(string path, string valid)
    {
        await RegisterAsync();

        using var ok = await Http.GetAsync($"{path}?filter={Uri.EscapeDataString(valid)}", Ct);
        Assert.True(ok.StatusCode == HttpStatusCode.OK, $"{path}: {(int)ok.StatusCode} {await ok.Content.ReadAsStringAsync(Ct)}");

        using var malformed = await Http.GetAsync($"{path}?filter={Uri.EscapeDataString("Node ==")}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.StartsWith("Failed to create boolean expression evaluator: 1:8 (7): ", await malformed.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task UnknownSelector_400NamingIt()
    {
        using var response = await Http.GetAsync(
            "/v1/catalog/service/web?filter=" + Uri.EscapeDataString("Service.Meta.version == v1"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "Failed to create boolean expression evaluator: Selector \"Service\" is not valid",
            await response.Content.ReadAsStringAsync(Ct));
    }
}
