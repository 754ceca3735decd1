using System.Text.Json.Nodes;
using Parley.Client.Tests.Fakes;

namespace Parley.Client.Tests;

public sealed class AgentClientTests
{
    [Fact]
    public async Task ServiceRegisterAsync_Registration_SendsOnlyGivenFields()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("PUT", "/v1/agent/service/register", 200, "");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        await client.Agent.ServiceRegisterAsync(
            new AgentServiceRegistration
            {
                Name = "web",
                Port = 8080,
                Tags = ["v1"],
                Check = new AgentServiceCheck { TTL = "10s" },
            },
            ct);

        Assert.Equal(
            """{"Name":"web","Tags":["v1"],"Port":8080,"Check":{"TTL":"10s"}}""",
            server.Single("PUT", "/v1/agent/service/register").Body);
    }

    [Fact]
    public async Task ServiceDeregisterAsync_Id_PutsToEscapedPath()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("PUT", "/v1/agent/service/deregister/web 1", 200, "");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        await client.Agent.ServiceDeregisterAsync("web 1", ct);

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task MembersAsync_Response_ParsesMembers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/agent/members", 200,
            """[{"Name":"server-1","Addr":"127.0.0.1","Port":8301,"Tags":{"role":"consul","dc":"dc1"},"Status":1}]""");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var member = Assert.Single(await client.Agent.MembersAsync(cancellationToken: ct));

        Assert.Equal("server-1", member.Name);
        Assert.Equal(8301, member.Port);
        Assert.Equal("consul", member.Tags!["role"]);
        Assert.Equal(1, member.Status);
    }

    [Fact]
    public async Task TtlUpdates_SendConsulPathsAndBodies()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("PUT", "/v1/agent/check/pass/c1", 200, "");
        server.Respond("PUT", "/v1/agent/check/fail/c1", 200, "");
        server.Respond("PUT", "/v1/agent/check/update/c1", 200, "");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        await client.Agent.PassTtlAsync("c1", "fine", ct);
        await client.Agent.FailTtlAsync("c1", cancellationToken: ct);
        await client.Agent.UpdateTtlAsync("c1", "degraded", HealthStatus.Warning, ct);

        Assert.Equal("?note=fine", server.Single("PUT", "/v1/agent/check/pass/c1").QueryString);
        Assert.Equal("", server.Single("PUT", "/v1/agent/check/fail/c1").QueryString);
        var update = JsonNode.Parse(server.Single("PUT", "/v1/agent/check/update/c1").Body)!;
        Assert.Equal("warning", (string?)update["Status"]);
        Assert.Equal("degraded", (string?)update["Output"]);
    }

    [Fact]
    public async Task ServicesAsync_Response_ParsesById()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FakeApiServer.StartAsync(ct);
        server.Respond("GET", "/v1/agent/services", 200,
            """{"web-1":{"ID":"web-1","Service":"web","Port":80,"Tags":["a"],"Meta":{},"Address":"","Weights":{"Passing":1,"Warning":""" +
                """1}}}""");
        using var client = new ParleyClient(new ParleyClientOptions { Address = server.Address });

        var services = await client.Agent.ServicesAsync(cancellationToken: ct);

        Assert.Equal("web", services["web-1"].Service);
        Assert.Equal(1, services["web-1"].Weights!.Passing);
    }
}
