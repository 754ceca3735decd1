using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;

namespace Parley.IntegrationTests.Api;

/// <summary>What real clients send that a hand-written test would not (found by tests/clients): escaped key slashes and
/// <c>?node-meta=</c>.</summary>
public sealed class ClientQuirksTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task KvKey_WithEscapedSlashes_IsTheSameKey()
    {
        await Http.PutOkAsync("/v1/kv/quirk%2Fa%2Fb", "\"v\"", Ct);

        var entry = (await Http.GetJsonAsync<JsonArray>("/v1/kv/quirk/a/b", Ct)).Single()!;
        Assert.Equal("quirk/a/b", entry["Key"]!.GetValue<string>());
        var keys = await Http.GetJsonAsync<JsonArray>("/v1/kv/quirk%2F?keys", Ct);
        Assert.Equal(["quirk/a/b"], keys.Select(k => k!.GetValue<string>()));
    }

    [Fact]
    public async Task NodeMeta_KeepsOnlyNodesCarryingEveryPair()
    {
        await Http.PutOkAsync("/v1/catalog/register", """
            {"Node":"meta-1","Address":"10.9.0.1","NodeMeta":{"rack":"r1","zone":"a"},"Service":{"Service":"meta-web","Port":80}}
            """, Ct);
        await Http.PutOkAsync("/v1/catalog/register", """
            {"Node":"meta-2","Address":"10.9.0.2","NodeMeta":{"rack":"r1","zone":"b"},"Service":{"Service":"meta-web","Port":80}}
            """, Ct);

        var nodes = await Http.GetJsonAsync<JsonArray>("/v1/catalog/nodes?node-meta=rack:r1&node-meta=zone:b", Ct);
        Assert.Equal(["meta-2"], nodes.Select(n => n!["Node"]!.GetValue<string>()));
        var rows = await Http.GetJsonAsync<JsonArray>("/v1/health/service/meta-web?node-meta=zone:a", Ct);
        Assert.Equal(["meta-1"], rows.Select(r => r!["Node"]!["Node"]!.GetValue<string>()));
        var services = await Http.GetJsonAsync<JsonObject>("/v1/catalog/services?node-meta=zone:c", Ct);
        Assert.Empty(services);
        using var plain = await Http.GetAsync("/v1/catalog/service/meta-web?node-meta=rack:r1", Ct);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(2, JsonNode.Parse(await plain.Content.ReadAsStringAsync(Ct))!.AsArray().Count);
    }

    [Fact]
    public async Task OtherDatacenter_NoPathToDatacenter_NotTheLocalAnswer()
    {
        using var other = await Http.GetAsync("/v1/catalog/services?dc=nowhere", Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, other.StatusCode);
        Assert.Equal("No path to datacenter", await other.Content.ReadAsStringAsync(Ct));

        var dc = (await Http.GetJsonAsync<JsonObject>("/v1/agent/self?dc=nowhere", Ct))["Config"]!["Datacenter"]!.GetValue<string>();
        using var local = await Http.GetAsync($"/v1/catalog/services?dc={dc}", Ct);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task Reads_SayTheirEffectiveConsistency()
    {
        foreach (var (query, expected) in new[] { ("", "leader"), ("?stale", "stale"), ("?consistent", "consistent") })
        {
            using var response = await Http.GetAsync("/v1/catalog/nodes" + query, Ct);
            Assert.Equal(expected, response.Headers.GetValues("X-Consul-Effective-Consistency").Single());
        }
    }
}
