using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Parley.IntegrationTests.Api;

/// <summary>The catalog and health endpoints against a real agent, answering as Consul's do.</summary>
public sealed class CatalogApiTests : OneAgentTests
{
    [Fact]
    public async Task Agent_RegistersItselfAsConsulServiceWithSerfHealth()
    {
        var services = await GetJsonAsync<JsonObject>("/v1/catalog/services");
        Assert.True(services.ContainsKey("consul"));

        var health = await GetJsonAsync<JsonArray>("/v1/health/service/consul");
        var row = Assert.Single(health)!;
        Assert.False(string.IsNullOrEmpty(row["Service"]!["Meta"]!["grpc_tls_port"]!.GetValue<string>()));
        var serf = Assert.Single(row["Checks"]!.AsArray(), c => c!["CheckID"]!.GetValue<string>() == "serfHealth")!;
        Assert.Equal("passing", serf["Status"]!.GetValue<string>());
        Assert.Equal("Serf Health Status", serf["Name"]!.GetValue<string>());
        Assert.True(row["Node"]!["Meta"]!.AsObject().ContainsKey("consul-network-segment"));
    }

    [Fact]
    public async Task Register_ServiceWithCheck_VisibleInCatalogAndHealth()
    {
        var response = await PutAsync("/v1/catalog/register", """
            {"node":"web-1","address":"10.0.0.1","service":{"service":"web","port":80,"tags":["v1"]},
             "check":{"checkid":"web-alive","name":"alive","status":"passing","serviceid":"web"}}
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", await response.Content.ReadAsStringAsync(Ct));

        var catalog = await GetJsonAsync<JsonArray>("/v1/catalog/service/web");
        var instance = Assert.Single(catalog)!;
        Assert.Equal("web-1", instance["Node"]!.GetValue<string>());
        Assert.Equal(80, instance["ServicePort"]!.GetValue<int>());
        Assert.Equal("web", instance["ServiceID"]!.GetValue<string>());

        var health = await GetJsonAsync<JsonArray>("/v1/health/service/web?passing");
        Assert.Single(health);
        Assert.Empty(await GetJsonAsync<JsonArray>("/v1/catalog/service/web?tag=v2"));
    }

    [Fact]
    public async Task Register_WithPeerName_RefusedAndNothingWritten()
    {
        var response = await PutAsync("/v1/catalog/register", """{"Node":"x","Address":"1.2.3.4","PeerName":"p"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot register requests with PeerName in them", await response.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain((await GetJsonAsync<JsonArray>("/v1/catalog/nodes")), n => n!["Node"]!.GetValue<string>() == "x");
    }

    [Fact]
    public async Task Register_MalformedJson_400AndNothingWritten()
    {
        var response = await PutAsync("/v1/catalog/register", """{"Node":"y","Address":""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Request decode failed", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task UnknownPath_404WithConsulText_WrongMethod_405WithAllow()
    {
        var missing = await Http.GetAsync("/v1/no/such/thing", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Invalid URL path: not a recognized HTTP API endpoint", await missing.Content.ReadAsStringAsync(Ct));

        var wrong = await Http.GetAsync("/v1/catalog/register", Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
        Assert.Contains("PUT", wrong.Content.Headers.Allow);
    }

    [Fact]
    public async Task BlockingQuery_WakesOnRelevantWrite()
    {
        await PutAsync("/v1/catalog/register", """{"Node":"db-1","Address":"10.0.0.2","Service":{"Service":"db","Port":5432}}""");
        var first = await Http.GetAsync("/v1/health/service/db", Ct);
        var index = long.Parse(first.Headers.GetValues("X-Consul-Index").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("true", first.Headers.GetValues("X-Consul-KnownLeader").Single());

        var blocked = Http.GetAsync($"/v1/health/service/db?index={index}&wait=30s", Ct);
        // A barrier instead of a sleep: once this later write about another service is applied, the blocked read has had
        // a change to (wrongly) wake on.
        await PutAsync("/v1/catalog/register", """{"Node":"web-1","Address":"10.0.0.4","Service":{"Service":"web","Port":80}}""");
        Assert.False(blocked.IsCompleted);
        await PutAsync("/v1/catalog/register", """{"Node":"db-2","Address":"10.0.0.3","Service":{"Service":"db","Port":5432}}""");
        var woken = await blocked.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var newIndex = long.Parse(woken.Headers.GetValues("X-Consul-Index").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(newIndex > index);
        Assert.Equal(2, JsonNode.Parse(await woken.Content.ReadAsStringAsync(Ct))!.AsArray().Count);
    }

    [Fact]
    public async Task Deregister_Node_RemovesItsServices()
    {
        await PutAsync("/v1/catalog/register", """{"Node":"gone","Address":"10.0.0.9","Service":{"Service":"tmp","Port":1}}""");
        var response = await PutAsync("/v1/catalog/deregister", """{"Node":"gone"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await GetJsonAsync<JsonArray>("/v1/catalog/service/tmp"));
    }

    [Fact]
    public async Task Register_TypicalService_ReadsBackWithConsulsProxyConnectAndTaggedAddressShapes()
    {
        await PutAsync("/v1/catalog/register", """
            {"Node":"shape-1","Address":"10.0.0.5","Service":{"Service":"shape","Port":80,
             "TaggedAddresses":{"wan":{"Address":"198.51.100.5","Port":8443}}}}
            """);

        var row = Assert.Single(await GetJsonAsync<JsonArray>("/v1/catalog/service/shape"))!;
        Assert.Equal("""{"Mode":"","MeshGateway":{},"Expose":{}}""", row["ServiceProxy"]!.ToJsonString());
        Assert.Equal("{}", row["ServiceConnect"]!.ToJsonString());
        Assert.Equal("""{"wan":{"Address":"198.51.100.5","Port":8443}}""", row["ServiceTaggedAddresses"]!.ToJsonString());
        var service = Assert.Single(await GetJsonAsync<JsonArray>("/v1/health/service/shape"))!["Service"]!;
        Assert.Equal("""{"Mode":"","MeshGateway":{},"Expose":{}}""", service["Proxy"]!.ToJsonString());
        Assert.Equal("{}", service["Connect"]!.ToJsonString());
        Assert.Equal(8443, service["TaggedAddresses"]!["wan"]!["Port"]!.GetValue<int>());
    }

    [Fact]
    public async Task Register_ProxyAndNativeInstances_HealthConnectListsThemTyped()
    {
        await PutAsync("/v1/catalog/register", """
            {"Node":"mesh-1","Address":"10.0.0.6","Service":{"Kind":"connect-proxy","Service":"api-sidecar-proxy","ID":"api-proxy",
             "Port":21000,
             "Proxy":{"destination_service_name":"api","local_service_port":8080,"upstreams":[{"destination_name":"db",
              "local_bind_port":"9191"}]}}}
            """);
        await PutAsync("/v1/catalog/register", """
            {"Node":"mesh-2","Address":"10.0.0.7","Service":{"Service":"api","Port":8443,"Connect":{"Native":true}}}
            """);
        await PutAsync("/v1/catalog/register", """{"Node":"mesh-3","Address":"10.0.0.8","Service":{"Service":"api","Port":8080}}""");

        var rows = await GetJsonAsync<JsonArray>("/v1/health/connect/api");

        Assert.Equal(["api-proxy", "api"], rows.Select(r => r!["Service"]!["ID"]!.GetValue<string>()));
        var proxy = rows[0]!["Service"]!["Proxy"]!;
        Assert.Equal(("api", 8080), (proxy["DestinationServiceName"]!.GetValue<string>(), proxy["LocalServicePort"]!.GetValue<int>()));
        Assert.Equal(9191, proxy["Upstreams"]![0]!["LocalBindPort"]!.GetValue<int>());
        Assert.Equal("""{"Native":true}""", rows[1]!["Service"]!["Connect"]!.ToJsonString());
    }

    [Fact]
    public async Task Register_ProxyFieldOfTheWrongType_400AndNothingWritten()
    {
        var response = await PutAsync("/v1/catalog/register", """
            {"Node":"bad-1","Address":"10.0.0.9","Service":{"Service":"bad","Proxy":{"LocalServicePort":"not a number"}}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Request decode failed", await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(await GetJsonAsync<JsonArray>("/v1/catalog/service/bad"));
    }

    private Task<HttpResponseMessage> PutAsync(string path, string body) =>
        Http.PutAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Ct);

    private async Task<T> GetJsonAsync<T>(string path)
        where T : JsonNode
    {
        var response = await Http.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (T)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }
}
