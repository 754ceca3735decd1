using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Config;

public sealed class ListConfigCommandTests
{
    [Fact]
    public async Task List_Entries_PrintsOneNamePerLine()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond(
            "GET",
            "/v1/config/service-resolver",
            200,
            """[{"Kind":"service-resolver","Name":"api"},{"Kind":"service-resolver","Name":"web"}]""");

        var result = await CliRunner.RunAsync(["config", "list", "-kind", "service-resolver", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("api\nweb\n", result.Out);
    }

    [Fact]
    public async Task List_AgentError_NamesTheKind()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/config/bogus", 400, "invalid config entry kind: bogus");

        var result = await CliRunner.RunAsync(["config", "list", "-kind", "bogus", "-http-addr", server.Address]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "Error listing config entries for kind \"bogus\": Unexpected response code: 400 (invalid config entry kind: bogus)\n",
            result.Error);
    }

    [Fact]
    public async Task List_MissingKind_Fails()
    {
        var result = await CliRunner.RunAsync(["config", "list"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Must specify the -kind parameter\n", result.Error);
    }
}
