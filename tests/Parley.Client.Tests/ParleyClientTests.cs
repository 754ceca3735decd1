using Parley.Client.Tests.Fakes;

namespace Parley.Client.Tests;

public sealed class ParleyClientTests
{
    [Fact]
    public async Task ExportedServicesAsync_Response_Parsed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/exported-services", 200,
            """[{"Service":"web","Consumers":{"Peers":["east","west"]}},{"Service":"db","Consumers":{"Peers":["east"]}}]""");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var (services, _) = await client.ExportedServicesAsync(cancellationToken: ct);

        Assert.Equal(["web", "db"], services.Select(s => s.Service));
        Assert.Equal(["east", "west"], services[0].Consumers.Peers!);
    }

    [Theory]
    [InlineData("""[{"Service":"api","SourcePeer":"cluster-02"}]""")]
    [InlineData("""{"Partition":"default","ImportedServices":[{"Service":"api","SourcePeer":"cluster-02"}]}""")]
    public async Task ImportedServicesAsync_EitherShape_Parsed(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/imported-services", 200, body);
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var (services, _) = await client.ImportedServicesAsync(cancellationToken: ct);

        var service = Assert.Single(services);
        Assert.Equal("api", service.Service);
        Assert.Equal("cluster-02", service.SourcePeer);
    }

    [Theory]
    [InlineData("""{"Allowed":true}""", true)]
    [InlineData("""{"Allowed":false}""", false)]
    public async Task IntentionsCheckAsync_Answer_ReturnsAllowed(string body, bool expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/connect/intentions/check", 200, body);
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        Assert.Equal(expected, await client.Intentions.CheckAsync("web", "db", cancellationToken: ct));
        Assert.Equal("?source=web&destination=db", server.Single("GET", "/v1/connect/intentions/check").QueryString);
    }

    [Fact]
    public async Task StatusAsync_LeaderAndPeers_Parsed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/status/leader", 200, "\"127.0.0.1:8300\"");
        server.Respond("GET", "/v1/status/peers", 200, """["127.0.0.1:8300"]""");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.HostAndPort });

        Assert.Equal("127.0.0.1:8300", await client.Status.LeaderAsync(cancellationToken: ct));
        Assert.Equal(["127.0.0.1:8300"], await client.Status.PeersAsync(cancellationToken: ct));
    }

    [Fact]
    public async Task DiscoveryChainGetAsync_CompileDc_SentAndChainReturned()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond(
            "GET",
            "/v1/discovery-chain/web",
            200,
            """{"Chain":{"ServiceName":"web","StartNode":"resolver:web.default.default.dc1"}}""");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var (response, _) = await client.DiscoveryChain.GetAsync("web", "dc1", cancellationToken: ct);

        Assert.Equal("resolver:web.default.default.dc1", (string?)response["Chain"]!["StartNode"]);
        Assert.Equal("?compile-dc=dc1", server.Single("GET", "/v1/discovery-chain/web").QueryString);
    }
}
