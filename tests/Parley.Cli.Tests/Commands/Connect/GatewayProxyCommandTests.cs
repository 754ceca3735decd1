using System.Text.Json.Nodes;
using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Connect;

/// <summary><c>parley connect proxy -gateway mesh</c>: the flags and texts of Consul's <c>consul connect envoy -gateway</c>.</summary>
public sealed class GatewayProxyCommandTests
{
    [Theory]
    [InlineData("banana", "Gateway must be one of: api, terminating, mesh, or ingress")]
    [InlineData("terminating", "The built-in proxy runs mesh gateways only; a terminating gateway is not supported")]
    public async Task UnsupportedGateway_IsRefusedBeforeAnythingHappens(string gateway, string error)
    {
        var result = await CliRunner.RunAsync(["connect", "proxy", "-gateway", gateway, "-http-addr", "127.0.0.1:1"]);

        Assert.Equal((1, error + "\n"), (result.ExitCode, result.Error));
    }

    [Fact]
    public async Task RegisterWithoutGateway_IsConsulsError()
    {
        var result = await CliRunner.RunAsync(["connect", "proxy", "-register"]);

        Assert.Equal((1, "Auto-Registration can only be used for gateways\n"), (result.ExitCode, result.Error));
    }

    [Fact]
    public async Task WithoutRegister_NoGatewayOnTheAgent_SaysSo()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/agent/services", 200, """{"web":{"ID":"web","Service":"web"}}""");

        var result = await CliRunner.RunAsync(["connect", "proxy", "-gateway", "mesh", "-http-addr", server.Address]);

        Assert.Equal((1, "No mesh-gateway services registered with this agent\n"), (result.ExitCode, result.Error));
    }

    [Fact]
    public async Task WithoutRegister_TwoGateways_CannotChoose()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/agent/services", 200, """
            {"gw-a":{"Kind":"mesh-gateway","ID":"gw-a","Service":"mesh-gateway"},"gw-b":{"Kind":"mesh-gateway","ID":"gw-b",
             "Service":"mesh-gateway"}}
            """);

        var result = await CliRunner.RunAsync(["connect", "proxy", "-gateway", "mesh", "-http-addr", server.Address]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Cannot lookup the mesh-gateway's proxy ID because multiple are registered with the agent\n", result.Error);
    }

    [Theory]
    [InlineData("gateway.example", "Error parsing address \"gateway.example\": not an IP address")]
    [InlineData("127.0.0.1:x", "Error parsing port \"x\": strconv.Atoi: parsing \"x\": invalid syntax")]
    public async Task Register_BadAddress_IsRefusedWithNothingRegistered(string address, string error)
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(
            ["connect", "proxy", "-gateway", "mesh", "-register", "-address", address, "-http-addr", server.Address]);

        Assert.Equal((1, error + "\n"), (result.ExitCode, result.Error));
        Assert.DoesNotContain(server.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Register_SendsConsulsGatewayRegistration()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("PUT", "/v1/agent/service/register", 500, "boom");

        var result = await CliRunner.RunAsync([
            "connect", "proxy", "-gateway", "mesh", "-register", "-service", "mesh-gateway",
            "-address", "127.0.0.1:14443", "-wan-address", "198.51.100.7:443", "-http-addr", server.Address]);

        var body = JsonNode.Parse(server.Single("PUT", "/v1/agent/service/register").Body)!;
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error registering service \"mesh-gateway\": Unexpected response code: 500 (boom)\n", result.Error);
        Assert.Equal("mesh-gateway", body["Kind"]!.GetValue<string>());
        Assert.Equal(("mesh-gateway", "mesh-gateway"), (body["ID"]!.GetValue<string>(), body["Name"]!.GetValue<string>()));
        Assert.Equal(("127.0.0.1", 14443), (body["Address"]!.GetValue<string>(), body["Port"]!.GetValue<int>()));
        Assert.Equal(
            ("127.0.0.1", 14443),
            (body["TaggedAddresses"]!["lan"]!["Address"]!.GetValue<string>(), body["TaggedAddresses"]!["lan"]!["Port"]!.GetValue<int>()));
        Assert.Equal(
            ("198.51.100.7", 443),
            (body["TaggedAddresses"]!["wan"]!["Address"]!.GetValue<string>(), body["TaggedAddresses"]!["wan"]!["Port"]!.GetValue<int>()));
        var check = body["Check"]!;
        Assert.Equal(("mesh-gateway listening", "127.0.0.1:14443", "10s", "6h"),
            (check["Name"]!.GetValue<string>(), check["TCP"]!.GetValue<string>(), check["Interval"]!.GetValue<string>(),
             check["DeregisterCriticalServiceAfter"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Register_AddressWithoutPort_UsesConsulsDefault8443_AndWanDefaultsToIt()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("PUT", "/v1/agent/service/register", 500, "stop here");

        await CliRunner.RunAsync(
            ["connect", "proxy", "-gateway", "mesh", "-register", "-address", "10.0.0.5", "-http-addr", server.Address]);

        var body = JsonNode.Parse(server.Single("PUT", "/v1/agent/service/register").Body)!;
        Assert.Equal(8443, body["Port"]!.GetValue<int>());
        Assert.Equal(
            ("10.0.0.5", 8443),
            (body["TaggedAddresses"]!["wan"]!["Address"]!.GetValue<string>(), body["TaggedAddresses"]!["wan"]!["Port"]!.GetValue<int>()));
    }
}
