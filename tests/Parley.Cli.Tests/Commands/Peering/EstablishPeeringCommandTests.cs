using System.Text.Json.Nodes;
using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Peering;

public sealed class EstablishPeeringCommandTests
{
    [Fact]
    public async Task Establish_Success_PrintsConsulMessage()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("POST", "/v1/peering/establish", 200, "{}");

        var result = await CliRunner.RunAsync(
            ["peering", "establish", "-name", "cluster-01", "-peering-token", "abc==", "-meta", "env=prod", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Successfully established peering connection with cluster-01\n", result.Out);
        var body = JsonNode.Parse(server.Single("POST", "/v1/peering/establish").Body)!;
        Assert.Equal("abc==", (string?)body["PeeringToken"]);
        Assert.Equal("prod", (string?)body["Meta"]!["env"]);
    }

    [Theory]
    [InlineData(new[] { "peering", "establish", "-peering-token", "t" }, "Missing the required -name flag\n")]
    [InlineData(new[] { "peering", "establish", "-name", "a" }, "Missing the required -peering-token flag\n")]
    public async Task Establish_MissingFlag_Fails(string[] args, string error)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task Establish_ReusedToken_PrintsAgentError()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("POST", "/v1/peering/establish", 500,
            "rpc error: code = PermissionDenied desc = a new peering token must be generated: invalid peering establishment secret");

        var result = await CliRunner.RunAsync(["peering", "establish", "-name", "c1", "-peering-token", "t", "-http-addr", server.Address]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "Error establishing peering for c1: Unexpected response code: 500 (rpc error: code = PermissionDenied desc = "
            + "a new peering token must be generated: invalid peering establishment secret)\n",
            result.Error);
    }

    [Fact]
    public async Task Establish_AgentUnreachable_NamesTheRequest()
    {
        var result = await CliRunner.RunAsync(["peering", "establish", "-name", "c1", "-peering-token", "t", "-http-addr", "127.0.0.1:1"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(
            "Error establishing peering for c1: Post \"http://127.0.0.1:1/v1/peering/establish\": ",
            result.Error,
            StringComparison.Ordinal);
    }
}
