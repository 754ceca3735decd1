using System.Net;
using System.Text.Json.Nodes;
using Parley.Client.Tests.Fakes;

namespace Parley.Client.Tests;

public sealed class ConfigEntriesClientTests
{
    [Fact]
    public async Task SetAsync_Plain_PutsEntryAndReturnsTrue()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("PUT", "/v1/config", 200, "true");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var written = await client.ConfigEntries.SetAsync(
            new JsonObject { ["Kind"] = "service-defaults", ["Name"] = "web", ["Protocol"] = "http" }, cancellationToken: ct);

        Assert.True(written);
        var request = server.Single("PUT", "/v1/config");
        Assert.Equal("", request.QueryString);
        Assert.Equal("""{"Kind":"service-defaults","Name":"web","Protocol":"http"}""", request.Body);
    }

    [Fact]
    public async Task SetAsync_CasLost_ReturnsFalseAndSendsIndex()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("PUT", "/v1/config", 200, "false");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var written = await client.ConfigEntries.SetAsync(
            new JsonObject { ["Kind"] = "mesh", ["Name"] = "mesh" },
            cas: 5,
            cancellationToken: ct);

        Assert.False(written);
        Assert.Equal("?cas=5", server.Single("PUT", "/v1/config").QueryString);
    }

    [Fact]
    public async Task GetAsync_Missing_ThrowsConsulNotFoundText()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/config/service-defaults/web", 404, "Config entry not found for \"service-defaults\" / \"web\"");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var exception = await Assert.ThrowsAsync<ParleyApiException>(
            () => client.ConfigEntries.GetAsync("service-defaults", "web", cancellationToken: ct));

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
        Assert.Equal("Unexpected response code: 404 (Config entry not found for \"service-defaults\" / \"web\")", exception.Message);
    }

    [Fact]
    public async Task ListAsync_Entries_ParsedWithIndex()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/config/service-defaults", 200,
            """[{"Kind":"service-defaults","Name":"api"},{"Kind":"service-defaults","Name":"web"}]""", ("X-Consul-Index", "12"));
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var (entries, meta) = await client.ConfigEntries.ListAsync("service-defaults", new QueryOptions { Filter = "Name != \"x\"" }, ct);

        Assert.Equal(["api", "web"], entries.Select(e => (string?)e["Name"]));
        Assert.Equal(12UL, meta.LastIndex);
        Assert.StartsWith("?filter=", server.Single("GET", "/v1/config/service-defaults").QueryString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAsync_PlainAnswersEmptyObject_ReturnsTrue()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("DELETE", "/v1/config/service-defaults/web", 200, "{}");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        Assert.True(await client.ConfigEntries.DeleteAsync("service-defaults", "web", cancellationToken: ct));
    }

    [Fact]
    public async Task DeleteAsync_CasLost_ReturnsFalse()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("DELETE", "/v1/config/service-defaults/web", 200, "false");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        Assert.False(await client.ConfigEntries.DeleteAsync("service-defaults", "web", cas: 3, cancellationToken: ct));
        Assert.Equal("?cas=3", server.Single("DELETE", "/v1/config/service-defaults/web").QueryString);
    }
}
