using System.Text.Json.Nodes;
using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Peering;

public sealed class GeneratePeeringTokenCommandTests
{
    [Fact]
    public async Task GenerateToken_Pretty_PrintsOnlyTheToken()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("POST", "/v1/peering/token", 200, """{"PeeringToken":"eyJDQSI6bnVsbH0="}""");

        var result = await CliRunner.RunAsync(["peering", "generate-token", "-name", "cluster-02", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("eyJDQSI6bnVsbH0=\n", result.Out);
        Assert.Equal("""{"PeerName":"cluster-02"}""", server.Single("POST", "/v1/peering/token").Body);
    }

    [Fact]
    public async Task GenerateToken_MetaAndAddresses_SentInRequest()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("POST", "/v1/peering/token", 200, """{"PeeringToken":"t"}""");

        var result = await CliRunner.RunAsync(
        [
            "peering", "generate-token", "-name=cluster-02", "-meta", "env=prod", "-meta=team=a=b",
            "-server-external-addresses", "lb1:8503,lb2:8503", "-server-external-addresses=lb3:8503", "-format", "json",
            "-http-addr", server.Address,
        ]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"PeeringToken":"t"}""" + "\n", result.Out);
        var body = JsonNode.Parse(server.Single("POST", "/v1/peering/token").Body)!;
        Assert.Equal("prod", (string?)body["Meta"]!["env"]);
        Assert.Equal("a=b", (string?)body["Meta"]!["team"]);
        Assert.Equal(["lb1:8503", "lb2:8503", "lb3:8503"], body["ServerExternalAddresses"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public async Task GenerateToken_ExpiresIn_SentAsExpiresIn()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("POST", "/v1/peering/token", 200, """{"PeeringToken":"t"}""");

        var result = await CliRunner.RunAsync(
            ["peering", "generate-token", "-name", "cluster-02", "-expires-in", "1h", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"PeerName":"cluster-02","ExpiresIn":"1h"}""", server.Single("POST", "/v1/peering/token").Body);
    }

    [Fact]
    public async Task GenerateToken_MissingName_Fails()
    {
        var result = await CliRunner.RunAsync(["peering", "generate-token"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Missing the required -name flag\n", result.Error);
    }

    [Fact]
    public async Task GenerateToken_MetaWithoutEquals_Fails()
    {
        var result = await CliRunner.RunAsync(["peering", "generate-token", "-name", "a", "-meta", "oops"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("invalid value \"oops\" for flag -meta: Missing \"=\" value in argument: oops\n", result.Error);
    }

    [Fact]
    public async Task GenerateToken_AgentRefuses_PrintsConsulError()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("POST", "/v1/peering/token", 500,
            "rpc error: code = Unknown desc = Cluster_02 is not a valid peer name:" +
                " a valid peering name must consist of lower case alphanumeric characters or '-'," +
                " and must start and end with an alphanumeric character");

        var result = await CliRunner.RunAsync(["peering", "generate-token", "-name", "Cluster_02", "-http-addr", server.Address]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(
            "Error generating peering token for Cluster_02: Unexpected response code: 500 (rpc error:" +
                " code = Unknown desc = Cluster_02 is not a valid peer name",
            result.Error,
            StringComparison.Ordinal);
    }
}
