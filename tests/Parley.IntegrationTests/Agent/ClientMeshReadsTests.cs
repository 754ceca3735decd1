using Parley.Client;

namespace Parley.IntegrationTests.Agent;

/// <summary>The client methods the proxy calls, against a real agent.</summary>
public sealed class ClientMeshReadsTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServiceConnectKind_ReadTheSidecarAndTheGateway_ServiceBlocksOnTheHash()
    {
        using var client = new ParleyClient(new ParleyClientOptions { Address = fixture.Agent.Address.ToString() });
        await client.Agent.ServiceRegisterAsync(
            new AgentServiceRegistration
            {
                ID = "cl-api",
                Name = "cl-api",
                Port = 9300,
                Connect = new() { ["SidecarService"] = new System.Text.Json.Nodes.JsonObject() },
            },
            Ct);
        await client.Agent.ServiceRegisterAsync(
            new AgentServiceRegistration { Name = "cl-gateway", Kind = "mesh-gateway", Port = 9443 },
            Ct);

        var (sidecar, meta) = await client.Agent.ServiceAsync("cl-api-sidecar-proxy", cancellationToken: Ct);
        var connect = await client.Health.ConnectAsync("cl-api", cancellationToken: Ct);
        var catalog = await client.Catalog.ConnectAsync("cl-api", cancellationToken: Ct);
        var gateways = await client.Health.KindAsync("mesh-gateway", cancellationToken: Ct);

        Assert.Equal("cl-api", sidecar.Proxy!["DestinationServiceName"]!.GetValue<string>());
        Assert.Equal(sidecar.ContentHash, meta.LastContentHash);
        Assert.Equal("cl-api-sidecar-proxy", Assert.Single(connect.Value).Service!.ID);
        Assert.Equal("cl-api", Assert.Single(catalog.Value).ServiceProxy!["DestinationServiceName"]!.GetValue<string>());
        Assert.Contains(gateways.Value, e => e.Service!.Service == "cl-gateway");
        Assert.Empty((await client.Health.KindAsync("mesh-gateway", peer: "nobody", cancellationToken: Ct)).Value);

        var blocked = client.Agent.ServiceAsync(
            "cl-api-sidecar-proxy", new QueryOptions { WaitHash = meta.LastContentHash, Wait = TimeSpan.FromSeconds(30) }, Ct);
        await client.Agent.ServiceRegisterAsync(
            new AgentServiceRegistration
            {
                ID = "cl-api",
                Name = "cl-api",
                Port = 9301,
                Connect = new() { ["SidecarService"] = new System.Text.Json.Nodes.JsonObject() },
            },
            Ct);
        var (changed, changedMeta) = await blocked.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(9301, changed.Proxy!["LocalServicePort"]!.GetValue<int>());
        Assert.NotEqual(meta.LastContentHash, changedMeta.LastContentHash);
    }
}
