using System.Text.Json.Nodes;
using Parley.Client.Tests.Fakes;

namespace Parley.Client.Tests;

public sealed class CatalogAndHealthTests
{
    [Fact]
    public async Task HealthServiceAsync_PeerAndPassing_SentAndEntriesParsed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/health/service/backend", 200, """
            [{"Node":{"ID":"","Node":"node-a","Address":"10.0.0.1","Datacenter":"dc1","PeerName":"cluster-01"},
              "Service":{"ID":"backend-1","Service":"backend","Port":9090,"Address":"","PeerName":"cluster-01"},
              "Checks":[{"Node":"node-a","CheckID":"backend-1:overall-check","Name":"overall-check","Status":"passing"}]}]
            """, ("X-Consul-Index", "4"));
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var (entries, meta) =
            await client.Health.ServiceAsync(
            "backend", passingOnly: true, options: new QueryOptions { Peer = "cluster-01" }, cancellationToken: ct);

        var entry = Assert.Single(entries);
        Assert.Equal("node-a", entry.Node!.Name);
        Assert.Equal("cluster-01", entry.Service!.PeerName);
        Assert.Equal(HealthStatus.Passing, Assert.Single(entry.Checks!).Status);
        Assert.Equal(4UL, meta.LastIndex);
        Assert.Equal("?peer=cluster-01&passing=1", server.Single("GET", "/v1/health/service/backend").QueryString);
    }

    [Fact]
    public async Task HealthConnectAsync_Peer_SentAndPeerMetaKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/health/connect/backend", 200, """
            [{"Node":{"Node":"gw-node","Address":"10.0.0.9","PeerName":"cluster-01"},
              "Service":{"Kind":"connect-proxy","ID":"backend-sidecar-proxy-instance-0","Service":"backend-sidecar-proxy","Port":8443,
                "Address":"10.0.0.9","PeerName":"cluster-01",
                "Connect":{"PeerMeta":{"SNI":["backend.default.default.cluster-02.external.td.consul"],
                  "SpiffeID":["spiffe://td.consul/ns/default/dc/dc1/svc/backend"],"Protocol":"http"}}},
              "Checks":[]}]
            """);
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var (entries, _) = await client.Health.ConnectAsync("backend", "cluster-01", cancellationToken: ct);

        var service = Assert.Single(entries).Service!;
        Assert.Equal("connect-proxy", service.Kind);
        Assert.Equal("backend.default.default.cluster-02.external.td.consul", service.Connect!["PeerMeta"]!["SNI"]![0]!.GetValue<string>());
        Assert.Equal("http", service.Connect!["PeerMeta"]!["Protocol"]!.GetValue<string>());
        Assert.Equal("?peer=cluster-01", server.Single("GET", "/v1/health/connect/backend").QueryString);
    }

    [Fact]
    public async Task HealthStateAsync_Critical_ReadsChecks()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/health/state/critical", 200, """[{"CheckID":"c","Status":"critical","ServiceName":"web"}]""");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var (checks, _) = await client.Health.StateAsync(HealthStatus.Critical, cancellationToken: ct);

        Assert.Equal("web", Assert.Single(checks).ServiceName);
    }

    [Fact]
    public async Task CatalogServiceAsync_Tag_SentAndInstancesParsed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/catalog/service/web", 200,
            """[{"Node":"n1","Address":"10.0.0.1","ServiceID":"web-1","ServiceName":"web","ServiceTags":["v2"],"ServicePort":80}]""");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var (instances, _) = await client.Catalog.ServiceAsync("web", "v2", cancellationToken: ct);

        Assert.Equal(80, Assert.Single(instances).ServicePort);
        Assert.Equal("?tag=v2", server.Single("GET", "/v1/catalog/service/web").QueryString);
    }

    [Fact]
    public async Task CatalogRegisterAsync_Registration_PutsBodyAndReadsAnswer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("PUT", "/v1/catalog/register", 200, "true");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var ok = await client.Catalog.RegisterAsync(
            new CatalogRegistration
            {
                Node = "node-a",
                Address = "127.0.0.1",
                Service = new AgentService { ID = "web-1", Service = "web", Port = 80 },
            },
            cancellationToken: ct);

        Assert.True(ok);
        var body = JsonNode.Parse(server.Single("PUT", "/v1/catalog/register").Body)!;
        Assert.Equal("node-a", (string?)body["Node"]);
        Assert.Equal("web", (string?)body["Service"]!["Service"]);
        Assert.Null(body["Check"]);
    }

    [Fact]
    public async Task CatalogNodeAsync_UnknownNode_ReturnsNull()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/catalog/node/ghost", 200, "null");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var (node, _) = await client.Catalog.NodeAsync("ghost", cancellationToken: ct);

        Assert.Null(node);
    }

    [Fact]
    public async Task DatacentersAsync_Response_Parsed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/catalog/datacenters", 200, """["dc1","dc2"]""");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        Assert.Equal(["dc1", "dc2"], await client.Catalog.DatacentersAsync(ct));
    }
}
