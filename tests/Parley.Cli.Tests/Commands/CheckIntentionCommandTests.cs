using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands;

public sealed class CheckIntentionCommandTests
{
    [Theory]
    [InlineData("""{"Allowed":true}""", 0, "Allowed\n")]
    [InlineData("""{"Allowed":false}""", 1, "Denied\n")]
    public async Task Check_Answer_PrintsVerdictAndExitCode(string body, int exitCode, string output)
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/connect/intentions/check", 200, body);

        var result = await CliRunner.RunAsync(["intention", "check", "frontend", "backend", "-http-addr", server.Address]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(output, result.Out);
        Assert.Equal("?source=frontend&destination=backend", server.Single("GET", "/v1/connect/intentions/check").QueryString);
    }

    [Fact]
    public async Task Check_AgentError_ExitsTwo()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/connect/intentions/check", 500, "boom");

        var result = await CliRunner.RunAsync(["intention", "check", "a", "b", "-http-addr", server.Address]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Error checking the connection: Unexpected response code: 500 (boom)\n", result.Error);
    }

    [Fact]
    public async Task Check_OneArgument_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(["intention", "check", "a"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Error: command requires exactly two arguments: src and dst\n", result.Error);
    }
}
