using Parley.Client.Tests.Fakes;

namespace Parley.Client.Tests;

public sealed class ApiTransportTests
{
    [Fact]
    public async Task QueryOptions_AllSet_SentAsConsulQueryParameters()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/catalog/nodes", 200, "[]");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        await client.Catalog.NodesAsync(
            new QueryOptions
            {
                Datacenter = "dc2",
                Stale = true,
                Index = 42,
                Wait = TimeSpan.FromSeconds(30),
                Peer = "east",
                Filter = "Node == \"a\"",
            },
            ct);

        Assert.Equal(
            "?dc=dc2&stale=&index=42&wait=30000ms&peer=east&filter=Node%20%3D%3D%20%22a%22",
            server.Single("GET", "/v1/catalog/nodes").QueryString);
    }

    [Fact]
    public async Task QueryOptions_Token_OverridesClientToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/peerings", 200, "[]");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address, Token = "client" });

        await client.Peerings.ListAsync(new QueryOptions { Token = "request" }, ct);
        await client.Peerings.ListAsync(cancellationToken: ct);

        Assert.Equal(["request", "client"], server.Requests.Select(r => r.Header("X-Consul-Token")));
    }

    [Fact]
    public async Task NoToken_SendsNoTokenHeader()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/peerings", 200, "[]");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        await client.Peerings.ListAsync(cancellationToken: ct);

        Assert.Null(Assert.Single(server.Requests).Header("X-Consul-Token"));
    }

    [Fact]
    public async Task QueryMeta_HeadersMissing_DefaultsToZero()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/catalog/services", 200, """{"web":["v1"]}""");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var (services, meta) = await client.Catalog.ServicesAsync(cancellationToken: ct);

        Assert.Equal(["v1"], services["web"]);
        Assert.Equal(new QueryMeta(0, false, TimeSpan.Zero), meta);
    }

    [Fact]
    public async Task UnreachableAgent_ThrowsNamingTheRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        string address;
        await using (var server = await FakeApiServer.StartAsync(ct))
        {
            address = server.Address;
        }

        using var client = new ParleyClient(new ParleyClientOptions { Address = address });

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.Peerings.ListAsync(cancellationToken: ct));

        Assert.StartsWith($"Get \"{address}/v1/peerings\": ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathValues_AreEscapedButKeepSlashes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/config/service-router/a b/c", 200, """{"Kind":"service-router","Name":"a b/c"}""");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var (entry, _) = await client.ConfigEntries.GetAsync("service-router", "a b/c", cancellationToken: ct);

        Assert.Equal("a b/c", (string?)entry["Name"]);
    }
}
