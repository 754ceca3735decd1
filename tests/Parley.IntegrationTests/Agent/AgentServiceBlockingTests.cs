using System.Globalization;
using System.Text.Json.Nodes;

namespace Parley.IntegrationTests.Agent;

/// <summary><c>GET /v1/agent/service/:id</c> blocking by content hash and by index, as a proxy watches its own registration.</summary>
public sealed class AgentServiceBlockingTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task HashBlocking_WakesOnARegistrationChange_AndOnAProxyDefaultsChange()
    {
        await Http.PutOkAsync(
            "/v1/agent/service/register",
            """{"ID":"watched","Name":"watched","Port":7000,"Connect":{"SidecarService":{"Port":7001}}}""",
            Ct);
        var first = await Http.GetJsonAsync<JsonObject>("/v1/agent/service/watched-sidecar-proxy", Ct);
        var hash = first["ContentHash"]!.GetValue<string>();

        var blocked = Http.GetAsync($"/v1/agent/service/watched-sidecar-proxy?hash={hash}&wait=30s", Ct);
        await Task.Delay(200, Ct);
        Assert.False(blocked.IsCompleted);
        await Http.PutOkAsync(
            "/v1/agent/service/register",
            """{"ID":"watched","Name":"watched","Port":7000,"Connect":{"SidecarService":{"Port":7001,"Tags":["v2"]}}}""",
            Ct);
        using var woken = await blocked.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var second = JsonNode.Parse(await woken.Content.ReadAsStringAsync(Ct))!;
        var secondHash = second["ContentHash"]!.GetValue<string>();
        Assert.NotEqual(hash, secondHash);
        Assert.Equal(secondHash, woken.Headers.GetValues("X-Consul-ContentHash").Single());
        Assert.Equal("v2", second["Tags"]![0]!.GetValue<string>());

        var blockedAgain = Http.GetAsync($"/v1/agent/service/watched-sidecar-proxy?hash={secondHash}&wait=30s", Ct);
        await Http.PutOkAsync(
            "/v1/config",
            """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"},"MeshGateway":{"Mode":"local"}}""",
            Ct);
        using var wokenByConfig = await blockedAgain.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var third = JsonNode.Parse(await wokenByConfig.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("http", third["Proxy"]!["Config"]!["protocol"]!.GetValue<string>());
        Assert.Equal("local", third["Proxy"]!["MeshGateway"]!["Mode"]!.GetValue<string>());
        Assert.NotEqual(secondHash, third["ContentHash"]!.GetValue<string>());

        // The catalog keeps what was registered; only the agent's view merges central config.
        var catalog = await Http.GetJsonAsync<JsonArray>("/v1/catalog/service/watched-sidecar-proxy", Ct);
        Assert.Null(catalog[0]!["ServiceProxy"]!["Config"]);
        await Http.DeleteAsync("/v1/config/proxy-defaults/global", Ct);
    }

    [Fact]
    public async Task IndexBlocking_WakesOnAChangeOfTheService()
    {
        await Http.PutOkAsync("/v1/agent/service/register", """{"ID":"indexed","Name":"indexed","Port":7100}""", Ct);
        using var first = await Http.GetAsync("/v1/agent/service/indexed", Ct);
        var index = long.Parse(first.Headers.GetValues("X-Consul-Index").Single(), CultureInfo.InvariantCulture);

        var blocked = Http.GetAsync($"/v1/agent/service/indexed?index={index}&wait=30s", Ct);
        await Http.PutOkAsync("/v1/agent/service/register", """{"ID":"indexed","Name":"indexed","Port":7101}""", Ct);
        using var woken = await blocked.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.True(long.Parse(woken.Headers.GetValues("X-Consul-Index").Single(), CultureInfo.InvariantCulture) > index);
        Assert.Equal(7101, JsonNode.Parse(await woken.Content.ReadAsStringAsync(Ct))!["Port"]!.GetValue<int>());
    }
}
