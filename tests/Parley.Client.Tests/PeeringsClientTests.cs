using System.Net;
using System.Text.Json.Nodes;
using Parley.Client.Tests.Fakes;

namespace Parley.Client.Tests;

public sealed class PeeringsClientTests
{
    private const string PeeringJson = """
        {"ID":"462c45e8-018e-f19d-85eb-1fc1bcc2ef12","Name":"cluster-02","Meta":{"env":"prod"},"State":"ACTIVE",
         "PeerID":"e83a315c-027e-bcb1-7c0c-a46650904a05","PeerCAPems":["pem"],"PeerServerName":"server.dc2.peering.td",
         "PeerServerAddresses":["10.0.0.5:8503"],
         "StreamStatus":{"ImportedServices":["api"],"ExportedServices":["web","db"],
           "LastHeartbeat":"2024-05-01T10:00:15.123456789Z","LastReceive":"2024-05-01T10:00:15.1Z","LastSend":"0001-01-01T00:00:00Z"},
         "CreateIndex":89,"ModifyIndex":93,"Remote":{"Partition":"default","Datacenter":"dc2"}}
        """;

    [Fact]
    public async Task ListAsync_Response_ParsesPeeringsAndQueryMeta()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/peerings", 200, "[" + PeeringJson + "]",
            ("X-Consul-Index", "93"), ("X-Consul-KnownLeader", "true"), ("X-Consul-LastContact", "25"));
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var (peerings, meta) = await client.Peerings.ListAsync(cancellationToken: ct);

        var peering = Assert.Single(peerings);
        Assert.Equal("cluster-02", peering.Name);
        Assert.Equal(PeeringState.Active, peering.State);
        Assert.Equal("prod", peering.Meta!["env"]);
        Assert.Equal(["10.0.0.5:8503"], peering.PeerServerAddresses!);
        Assert.Equal(["web", "db"], peering.StreamStatus.ExportedServices!);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 15, TimeSpan.Zero).AddTicks(1234567), peering.StreamStatus.LastHeartbeat);
        Assert.Equal("dc2", peering.Remote.Datacenter);
        Assert.Equal(93UL, peering.ModifyIndex);
        Assert.Equal(new QueryMeta(93, true, TimeSpan.FromMilliseconds(25)), meta);
    }

    [Fact]
    public async Task ReadAsync_NotFound_ReturnsNull()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/peering/missing", 404, "Peering not found for \"missing\"");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var (peering, _) = await client.Peerings.ReadAsync("missing", cancellationToken: ct);

        Assert.Null(peering);
    }

    [Fact]
    public async Task ReadAsync_ServerError_ThrowsWithConsulMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/peering/web", 500, "rpc error: code = Unknown desc = boom\n");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var exception = await Assert.ThrowsAsync<ParleyApiException>(() => client.Peerings.ReadAsync("web", cancellationToken: ct));

        Assert.Equal(HttpStatusCode.InternalServerError, exception.StatusCode);
        Assert.Equal("rpc error: code = Unknown desc = boom", exception.Body);
        Assert.Equal("Unexpected response code: 500 (rpc error: code = Unknown desc = boom)", exception.Message);
    }

    [Fact]
    public async Task GenerateTokenAsync_Request_PostsConsulBodyAndReturnsToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("POST", "/v1/peering/token", 200, """{"PeeringToken":"dG9rZW4="}""");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address, Token = "root" });

        var response = await client.Peerings.GenerateTokenAsync(
            new PeeringGenerateTokenRequest
            {
                PeerName = "cluster-02",
                Meta = new() { ["env"] = "prod" },
                ServerExternalAddresses = ["lb.example:8503"],
            },
            cancellationToken: ct);

        Assert.Equal("dG9rZW4=", response.PeeringToken);
        var request = server.Single("POST", "/v1/peering/token");
        Assert.Equal("root", request.Header("X-Consul-Token"));
        Assert.Equal(
            """{"PeerName":"cluster-02","Meta":{"env":"prod"},"ServerExternalAddresses":["lb.example:8503"]}""",
            request.Body);
    }

    [Fact]
    public async Task EstablishAsync_EmptyObjectAnswer_Succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("POST", "/v1/peering/establish", 200, "{}");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        await client.Peerings.EstablishAsync(
            new PeeringEstablishRequest { PeerName = "cluster-01", PeeringToken = "abc" },
            cancellationToken: ct);

        var body = JsonNode.Parse(server.Single("POST", "/v1/peering/establish").Body)!.AsObject();
        Assert.Equal("cluster-01", (string?)body["PeerName"]);
        Assert.Equal("abc", (string?)body["PeeringToken"]);
        Assert.False(body.ContainsKey("Meta"));
    }

    [Fact]
    public async Task DeleteAsync_EmptyBody_Succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("DELETE", "/v1/peering/cluster-02", 200, "");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        await client.Peerings.DeleteAsync("cluster-02", cancellationToken: ct);

        Assert.Single(server.Requests);
    }

    [Fact]
    public void Serialize_Peering_WritesConsulKeysAndGoTimes()
    {
        var peering = new Peering
        {
            ID = "id-1",
            Name = "cluster-02",
            State = PeeringState.Pending,
            StreamStatus = new PeeringStreamStatus { LastSend = new DateTimeOffset(2024, 5, 1, 10, 0, 15, 200, TimeSpan.Zero) },
            CreateIndex = 7,
            ModifyIndex = 8,
        };

        var json = System.Text.Json.JsonSerializer.Serialize(peering, ParleyJson.Options);

        const string expected =
            """{"ID":"id-1","Name":"cluster-02","State":"PENDING","StreamStatus":{"ImportedServices":""" +
            """null,"ExportedServices":null,"LastHeartbeat":null,"LastReceive":null,"LastSend":"2024-05-01T10:00:15.2Z"}""" +
            ""","CreateIndex":7,"ModifyIndex":8,"Remote":{"Partition":"","Datacenter":""}}""";
        Assert.Equal(expected, json);
    }
}
