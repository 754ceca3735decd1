using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;

namespace Parley.IntegrationTests.Api;

/// <summary><c>?near=</c> and <c>?cached</c> on a real agent, as Consul's clients use them.</summary>
public sealed class NearAndCachedTests : OneAgentTests
{
    private string OwnNode => Agent.Agent.Config.NodeName;

    [Fact]
    public async Task Near_TheNamedNodeOrThisAgentComesFirst()
    {
        foreach (var node in new[] { "aaa-1", "aaa-2" })
        {
            await Http.PutOkAsync(
                "/v1/catalog/register",
                $$$"""{"Node":"{{{node}}}","Address":"10.0.0.1","Service":{"Service":"spread","Port":80}}""",
                Ct);
        }

        await Http.PutOkAsync("/v1/agent/service/register", """{"Name":"spread","ID":"spread-local","Port":81}""", Ct);

        Assert.Equal(OwnNode, (string)(await Http.GetJsonAsync<JsonArray>("/v1/catalog/nodes?near=_agent", Ct))[0]!["Node"]!);
        Assert.Equal("aaa-2", (string)(await Http.GetJsonAsync<JsonArray>("/v1/catalog/nodes?near=aaa-2", Ct))[0]!["Node"]!);
        Assert.Equal(OwnNode, (string)(await Http.GetJsonAsync<JsonArray>("/v1/catalog/service/spread?near=_agent", Ct))[0]!["Node"]!);
        var health = await Http.GetJsonAsync<JsonArray>("/v1/health/service/spread?near=_agent", Ct);
        Assert.Equal((3, OwnNode), (health.Count, (string)health[0]!["Node"]!["Node"]!));

        // A node nobody knows changes nothing: the order stays the catalog's.
        var plain = await Http.GetJsonAsync<JsonArray>("/v1/catalog/nodes", Ct);
        var unknown = await Http.GetJsonAsync<JsonArray>("/v1/catalog/nodes?near=nobody", Ct);
        Assert.Equal(plain.ToJsonString(), unknown.ToJsonString());
    }

    [Fact]
    public async Task Cached_MissThenHitWithAge_MissAgainAfterAChangeOrPastMaxAge()
    {
        await Http.PutOkAsync("/v1/agent/service/register", """{"Name":"cached-svc","Port":80}""", Ct);

        var (first, _) = await CachedAsync("/v1/health/service/cached-svc?cached");
        Assert.Equal("MISS", first);
        var (second, age) = await CachedAsync("/v1/health/service/cached-svc?cached");
        Assert.Equal("HIT", second);
        Assert.NotNull(age);

        await Http.PutOkAsync("/v1/agent/service/register", """{"Name":"cached-svc","ID":"cached-svc-2","Port":81}""", Ct);
        Assert.Equal("MISS", (await CachedAsync("/v1/health/service/cached-svc?cached")).Cache);
        Assert.Equal("HIT", (await CachedAsync("/v1/health/service/cached-svc?cached")).Cache);
        Assert.Equal("MISS", (await CachedAsync("/v1/health/service/cached-svc?cached", "max-age=0")).Cache);

        // Routes Consul's agent does not cache ignore ?cached.
        using var nodes = await Http.GetAsync("/v1/catalog/nodes?cached", Ct);
        Assert.Equal(HttpStatusCode.OK, nodes.StatusCode);
        Assert.False(nodes.Headers.Contains("X-Cache"));
    }

    private async Task<(string? Cache, string? Age)> CachedAsync(string path, string? cacheControl = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cacheControl is not null)
        {
            request.Headers.TryAddWithoutValidation("Cache-Control", cacheControl);
        }

        using var response = await Http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.TryGetValues("X-Cache", out var c) ? c.Single() : null,
            response.Headers.Age is { } age ? age.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }
}
