using System.Text.Json.Nodes;

namespace Parley.IntegrationTests.Agent;

/// <summary>
/// Any service the API accepts reads back from every read endpoint, and registering again what was read changes
/// nothing (issue #12's first bullet, for agent and catalog bodies with Proxy and Connect blocks). The agent's view is
/// the effective one (central config merged, so an upstream may show the proxy's mesh gateway mode as its own):
/// registering it again keeps that view, as with Consul.
/// </summary>
public sealed class RegistrationRoundTripTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    public static TheoryData<string> Services =>
    [
        """{"ID":"rt-typical","Service":"rt-typical","Port":80,"Tags":["a","b"],"Meta":{"k":"v"},"Weights":{"Passing":3,"Warning":""" +
            """1},"EnableTagOverride":true,"TaggedAddresses":{"wan":{"Address":"198.51.100.9","Port":8080}}}""",
        """{"ID":"rt-native","Service":"rt-native","Port":8443,"Connect":{"Native":true}}""",
        """{"ID":"rt-proxy","Service":"rt-proxy","Kind":"connect-proxy","Port":21000,"Proxy":""" +
            """{"DestinationServiceName":"web","DestinationServiceID":"web","LocalServiceAddress":"127.0.0.1","LocalServicePort":""" +
            """8080,"Config":{"protocol":"http","nested":{"b":1,"a":[1,""" +
            """2]}},"Upstreams":[{"DestinationName":"db","DestinationPeer":"cluster-01","LocalBindPort":9191,"Config":""" +
            """{"connect_timeout_ms":500}},""" +
            """{"DestinationType":"prepared_query","DestinationName":"geo","Datacenter":"dc2","LocalBindAddress":"127.0""" +
            """.0.2","LocalBindPort":9192,"MeshGateway":{"Mode":"remote"}}],"MeshGateway":{"Mode":"local"}}}""",
        """{"ID":"rt-gateway","Service":"rt-gateway","Kind":"mesh-gateway","Port":8443,"TaggedAddresses":{"lan":""" +
            """{"Address":"10.0.0.1","Port":8443},"wan":{"Address":"198.51.100.1","Port":443}},"Proxy":{"Config":""" +
            """{"envoy_mesh_gateway_no_default_bind":true}}}""",
        """{"ID":"rt-expose","Service":"rt-expose","Kind":"connect-proxy","Port":21001,"Proxy":""" +
            """{"DestinationServiceName":"api","Mode":"transparent","TransparentProxy":{"OutboundListenerPort":15001},"Expose":""" +
            """{"Checks":true,"Paths":[{"Path":"/health","ListenerPort":21500,"LocalPathPort":8080,"Protocol":"http"}]}}}""",
    ];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task CatalogRegistration_ReadBackAndRegisteredAgain_ChangesNothing(string service)
    {
        var body = JsonNode.Parse(service)!.AsObject();
        var name = body["Service"]!.GetValue<string>();
        await RegisterCatalogAsync(body);
        var (catalog, index) = await Http.GetJsonWithIndexAsync<JsonArray>($"/v1/catalog/service/{name}", Ct);
        var row = Assert.Single(catalog)!;
        var health = Assert.Single(await Http.GetJsonAsync<JsonArray>($"/v1/health/service/{name}", Ct))!["Service"]!.AsObject();

        // What the health endpoint shows is a registration body as it stands; the catalog row has Service-prefixed names.
        await RegisterCatalogAsync(health);
        await RegisterCatalogAsync(FromCatalogRow(row));

        var (again, indexAgain) = await Http.GetJsonWithIndexAsync<JsonArray>($"/v1/catalog/service/{name}", Ct);
        Assert.Equal(row.ToJsonString(), again[0]!.ToJsonString());
        Assert.Equal(index, indexAgain);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task AgentRegistration_ReadBackAndRegisteredAgain_ChangesNothing(string service)
    {
        var body = JsonNode.Parse(service)!.AsObject();
        var id = body["ID"]!.GetValue<string>() + "-agent";
        body["ID"] = id;
        body["Name"] = body["Service"]!.GetValue<string>() + "-agent";
        body.Remove("Service");
        await Http.PutOkAsync("/v1/agent/service/register", body.ToJsonString(), Ct);
        var view = await Http.GetJsonAsync<JsonObject>($"/v1/agent/service/{id}", Ct);
        var name = view["Service"]!.GetValue<string>();
        var health = Assert.Single(await Http.GetJsonAsync<JsonArray>($"/v1/health/service/{name}", Ct))!["Service"]!;

        var fromView = view.DeepClone().AsObject();
        fromView["Name"] = name;
        await Http.PutOkAsync("/v1/agent/service/register", fromView.ToJsonString(), Ct);
        var services = await Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct);
        var fromList = services[id]!.DeepClone().AsObject();
        fromList["Name"] = name;
        await Http.PutOkAsync("/v1/agent/service/register", fromList.ToJsonString(), Ct);

        Assert.Equal(view.ToJsonString(), (await Http.GetJsonAsync<JsonObject>($"/v1/agent/service/{id}", Ct)).ToJsonString());
        var fromHealth = health.DeepClone().AsObject();
        fromHealth["Name"] = name;
        fromHealth.Remove("CreateIndex");
        fromHealth.Remove("ModifyIndex");
        await Http.PutOkAsync("/v1/agent/service/register", fromHealth.ToJsonString(), Ct);
        Assert.Equal(view.ToJsonString(), (await Http.GetJsonAsync<JsonObject>($"/v1/agent/service/{id}", Ct)).ToJsonString());
    }

    private Task<string> RegisterCatalogAsync(JsonObject service) => Http.PutOkAsync(
        "/v1/catalog/register",
        new JsonObject { ["Node"] = "rt-node", ["Address"] = "10.1.1.1", ["Service"] = service.DeepClone() }.ToJsonString(),
        Ct);

    private static JsonObject FromCatalogRow(JsonNode row)
    {
        var service = new JsonObject();
        foreach (var (from, to) in new[]
        {
            ("ServiceKind", "Kind"), ("ServiceID", "ID"), ("ServiceName", "Service"), ("ServiceTags", "Tags"),
                ("ServiceAddress", "Address"),
            ("ServiceTaggedAddresses", "TaggedAddresses"), ("ServiceWeights", "Weights"), ("ServiceMeta", "Meta"), ("ServicePort", "Port"),
            ("ServiceSocketPath", "SocketPath"), ("ServiceEnableTagOverride", "EnableTagOverride"), ("ServiceProxy", "Proxy"),
                ("ServiceConnect", "Connect"),
        })
        {
            service[to] = row[from]?.DeepClone();
        }

        return service;
    }
}
