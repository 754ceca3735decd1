using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Acl;
using Parley.Testing;

namespace Parley.IntegrationTests.Api;

/// <summary>
/// <c>/v1/health/service/:name</c> answers repeated reads from encoded bytes kept per service, index and query shape:
/// a reader must never notice, so a change is seen at once, each query shape gets its own answer, and a token whose
/// answer ACLs filter never gets the bytes encoded for a management token.
/// </summary>
public sealed class HealthReadCacheTests
{
    private const string Root = "5f2b1d5e-8f6c-4f3a-9c1e-2d7b6a4e3c10";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RepeatedReads_SeeEveryChangeAndEachQueryShapeItsOwnAnswer()
    {
        await using var agent = await TestAgent.StartAsync(cancellationToken: Ct);
        var http = agent.Http;
        await RegisterAsync(http, null, "web-1", "v1", "passing");
        await RegisterAsync(http, null, "web-2", "v2", "passing");

        var first = await http.GetStringAsync("/v1/health/service/web", Ct);
        Assert.Equal(first, await http.GetStringAsync("/v1/health/service/web", Ct));
        Assert.Equal(2, JsonNode.Parse(first)!.AsArray().Count);

        // Other shapes of the same read at the same index: each answers its own rows, not the cached full list.
        Assert.Single(JsonNode.Parse(await http.GetStringAsync("/v1/health/service/web?tag=v2", Ct))!.AsArray());
        Assert.Single(
            JsonNode.Parse(
            await http.GetStringAsync("/v1/health/service/web?filter=" + Uri.EscapeDataString("Node.Node == \"web-1\""),
            Ct))!.AsArray());
        var pretty = await http.GetStringAsync("/v1/health/service/web?pretty", Ct);
        Assert.Contains("\n    ", pretty, StringComparison.Ordinal);
        Assert.Equal(first, await http.GetStringAsync("/v1/health/service/web", Ct));

        // A check flips: the next read, and a blocking read waiting on the old index, show it.
        using var before = await http.GetAsync("/v1/health/service/web?passing", Ct);
        var index = before.Headers.GetValues("X-Consul-Index").Single();
        Assert.Equal(2, JsonNode.Parse(await before.Content.ReadAsStringAsync(Ct))!.AsArray().Count);
        var blocked = http.GetStringAsync($"/v1/health/service/web?passing&index={index}&wait=30s", Ct);
        await RegisterAsync(http, null, "web-2", "v2", "critical");
        Assert.Single(JsonNode.Parse(await blocked.WaitAsync(TimeSpan.FromSeconds(30), Ct))!.AsArray());
        Assert.Single(JsonNode.Parse(await http.GetStringAsync("/v1/health/service/web?passing", Ct))!.AsArray());
        var after = JsonNode.Parse(await http.GetStringAsync("/v1/health/service/web", Ct))!.AsArray();
        Assert.Contains(after, r => r!["Checks"]!.AsArray().Any(c => c!["Status"]!.GetValue<string>() == "critical"));
    }

    [Fact]
    public async Task FilteredToken_AfterAManagementRead_GetsOnlyWhatItMayRead()
    {
        await using var agent = await AclHttp.StartDenyingAgentAsync(Root, Ct);
        var http = agent.Http;
        await RegisterAsync(http, Root, "web-1", "v1", "passing");
        await RegisterAsync(http, Root, "web-2", "v2", "passing");
        (await http.SendAsync(HttpMethod.Put, "/v1/acl/policy", Root,
            """{"Name":"web-1-only","Rules":"service \"web\" { policy = \"read\" }\nnode \"web-1\" { policy = \"read\" }"}""", Ct))
                .Object();
        var secret = (await http.SendAsync(HttpMethod.Put, "/v1/acl/token", Root, """{"Policies":[{"Name":"web-1-only"}]}""", Ct))
            .Object()["SecretID"]!.GetValue<string>();

        // The management token reads (and so caches) both rows first, twice.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(2, (await http.SendAsync(HttpMethod.Get, "/v1/health/service/web", Root, null, Ct)).Array().Count);
        }

        var limited = await http.SendAsync(HttpMethod.Get, "/v1/health/service/web", secret, null, Ct);
        Assert.Equal("web-1", Assert.Single(limited.Array())!["Node"]!["Node"]!.GetValue<string>());
        Assert.True(limited.FilteredByAcls);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(HttpMethod.Get, "/v1/health/service/web", Root, null, Ct)).Status);
        Assert.Empty((await http.SendAsync(HttpMethod.Get, "/v1/health/service/web", null, null, Ct)).Array());
    }

    private static async Task RegisterAsync(HttpClient http, string? token, string node, string version, string status)
    {
        var answer = await http.SendAsync(HttpMethod.Put, "/v1/catalog/register", token, $$$"""
            {"Node":"{{{node}}}","Address":"10.0.0.{{{node[^1]}}}",
             "Service":{"Service":"web","Port":80,"Tags":["{{{version}}}"]},
             "Check":{"CheckID":"alive","Name":"alive","Status":"{{{status}}}","ServiceID":"web"}}
            """, Ct);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }
}
