using System.Net;
using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Agent;

/// <summary><c>Connect.SidecarService</c> on a real agent: expansion, default checks, alias health, removal, refusals.</summary>
public sealed class SidecarRegistrationTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Register_SidecarService_ReadsBackAsConsulsAgentWritesIt()
    {
        await Http.PutOkAsync("/v1/agent/service/register", """
            {"ID":"shape","Name":"shape","Port":14080,"Connect":{"SidecarService":{"Port":14001}}}
            """, Ct);

        var sidecar = await Http.GetJsonAsync<JsonObject>("/v1/agent/service/shape-sidecar-proxy", Ct);

        var hash = sidecar["ContentHash"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{16}$", hash);
        sidecar.Remove("ContentHash");
        Assert.Equal(
            """{"Kind":"connect-proxy","ID":"shape-sidecar-proxy","Service":"shape-sidecar-proxy","Tags":[],"Meta":{},"Port":""" +
            """14001,"Address":"","Weights":{"Passing":1,"Warning":1},"EnableTagOverride":false,"Proxy":""" +
            """{"DestinationServiceName":"shape","DestinationServiceID":"shape","LocalServiceAddress":"127.0.0.1","LocalServicePort":""" +
            """14080,"MeshGateway":{},"Expose":{}},"Datacenter":"dc1"}""",
            sidecar.ToJsonString());
        var parent = await Http.GetJsonAsync<JsonObject>("/v1/agent/service/shape", Ct);
        Assert.False(parent.ContainsKey("Proxy"));
        Assert.False(parent.ContainsKey("Connect"));
        var services = await Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct);
        Assert.Equal("shape", services["shape-sidecar-proxy"]!["Proxy"]!["DestinationServiceID"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_SidecarWithoutChecks_GetsConsulsTwoChecks_AliasFollowsTheParentsTtlBothWays()
    {
        await Http.PutOkAsync("/v1/agent/service/register", """
            {"ID":"alias-web","Name":"alias-web","Port":8080,"Check":{"CheckID":"alias-web-ttl","TTL":"10m","Status":"passing"},
             "Connect":{"SidecarService":{"Port":1}}}
            """, Ct);

        var checks = await Http.GetJsonAsync<JsonObject>("/v1/agent/checks", Ct);
        var listening = checks["service:alias-web-sidecar-proxy:1"]!;
        Assert.Equal(
            ("Connect Sidecar Listening", "tcp", "10s"),
            (Str(listening, "Name"), Str(listening, "Type"), Str(listening, "Interval")));
        Assert.Equal("Connect Sidecar Aliasing alias-web", Str(checks["service:alias-web-sidecar-proxy:2"]!, "Name"));

        await AliasStatusAsync("passing");
        await Http.PutOkAsync("/v1/agent/check/fail/alias-web-ttl", "", Ct);
        await AliasStatusAsync("critical");
        await Http.PutOkAsync("/v1/agent/check/pass/alias-web-ttl", "", Ct);
        await AliasStatusAsync("passing");
    }

    [Fact]
    public async Task Deregister_Parent_RemovesItsSidecarAndTheSidecarsChecks()
    {
        await Http.PutOkAsync(
            "/v1/agent/service/register",
            """{"ID":"gone","Name":"gone","Port":8081,"Connect":{"SidecarService":{}}}""",
            Ct);
        Assert.True((await Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct)).ContainsKey("gone-sidecar-proxy"));

        await Http.PutOkAsync("/v1/agent/service/deregister/gone", "", Ct);

        Assert.False((await Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct)).ContainsKey("gone-sidecar-proxy"));
        Assert.DoesNotContain((await Http.GetJsonAsync<JsonObject>("/v1/agent/checks", Ct)).Select(p => p.Key),
            id => id.Contains("gone", StringComparison.Ordinal));
        using var missing = await Http.GetAsync("/v1/agent/service/gone-sidecar-proxy", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("unknown service ID: gone-sidecar-proxy", await missing.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("""{"Name":"bad1","Port":1,"Connect":{"SidecarService":{"ID":"mine"}}}""",
        "A SidecarService cannot specify an ID as this is managed by the agent")]
    [InlineData("""{"Name":"bad2","Port":1,"Connect":{"SidecarService":{"Connect":{"SidecarService":{}}}}}""",
        "A SidecarService cannot have a nested SidecarService")]
    [InlineData("""{"Name":"bad3","Kind":"mesh-gateway","Port":1,"Connect":{"SidecarService":{}}}""",
        "A mesh-gateway cannot have a sidecar service defined")]
    [InlineData("""{"Name":"bad4","Kind":"connect-proxy","Port":1}""",
        "Proxy.DestinationServiceName must be non-empty for Connect proxy services")]
    [InlineData("""{"Name":"bad5","Port":1,"Connect":{"SidecarService":{"Proxy":{"Upstreams":[{"DestinationName":"db"}]}}}}""",
        "upstream local bind port or local socket path must be defined and nonzero")]
    [InlineData(
        """{"Name":"bad6","Port":1,"Connect":{"SidecarService":{"Proxy":{"Upstreams":[""" +
        """{"DestinationName":"db","DestinationPeer":"p","Datacenter":"dc2","LocalBindPort":1}]}}}}""",
        "upstream cannot specify both destination peer and datacenter")]
    public async Task Register_Refused_400WithConsulsTextAndNothingWritten(string body, string reason)
    {
        var name = (string)JsonNode.Parse(body)!["Name"]!;

        using var response = await Http.PutJsonAsync("/v1/agent/service/register", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(Ct));
        var services = await Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct);
        Assert.DoesNotContain(services, p => p.Key.StartsWith(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HealthKindAndConnect_ListGatewaysAndProxiesAsHealthRows()
    {
        await Http.PutOkAsync(
            "/v1/agent/service/register",
            """{"Name":"mesh-gateway","Kind":"mesh-gateway","Port":8443,"TaggedAddresses":{"wan":{"Address":"198.51.100.1","Port":443}}}""",
            Ct);
        await Http.PutOkAsync(
            "/v1/agent/service/register",
            """{"ID":"kind-api","Name":"kind-api","Port":9090,"Connect":{"SidecarService":{"Port":9091}}}""",
            Ct);

        var gateways = await Http.GetJsonAsync<JsonArray>("/v1/health/kind/mesh-gateway", Ct);
        var proxies = await Http.GetJsonAsync<JsonArray>("/v1/health/connect/kind-api", Ct);
        var catalog = await Http.GetJsonAsync<JsonArray>("/v1/catalog/connect/kind-api", Ct);

        var gateway = Assert.Single(gateways)!;
        Assert.Equal(443, gateway["Service"]!["TaggedAddresses"]!["wan"]!["Port"]!.GetValue<int>());
        Assert.NotNull(gateway["Node"]);
        Assert.Equal("kind-api-sidecar-proxy", Str(Assert.Single(proxies)!["Service"]!, "ID"));
        Assert.Equal(2, Assert.Single(proxies)!["Checks"]!.AsArray().Count(c => Str(c!, "ServiceID") == "kind-api-sidecar-proxy"));
        Assert.Equal(
            ("kind-api-sidecar-proxy", "kind-api"),
            (Str(Assert.Single(catalog)!, "ServiceID"), Str(catalog[0]!["ServiceProxy"]!, "DestinationServiceName")));
        Assert.Empty(await Http.GetJsonAsync<JsonArray>("/v1/health/kind/terminating-gateway", Ct));
    }

    private async Task AliasStatusAsync(string status) => await Eventually.ReadAsync(
        () => Http.GetJsonAsync<JsonObject>("/v1/agent/checks", Ct),
        checks => Str(checks["service:alias-web-sidecar-proxy:2"]!, "Status") == status,
        TimeSpan.FromSeconds(10),
        $"the alias check turning {status}",
        Ct);

    private static string Str(JsonNode node, string key) => node[key]!.GetValue<string>();
}
