using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Config;

public sealed class ReadConfigCommandTests
{
    [Fact]
    public async Task Read_Entry_PrintsJsonIndentedWithFourSpaces()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/config/service-defaults/web", 200,
            """{"Kind":"service-defaults","Name":"web","Protocol":"http","CreateIndex":5,"ModifyIndex":6}""");

        var result = await CliRunner.RunAsync(
            ["config", "read", "-kind", "service-defaults", "-name", "web", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            {
                "Kind": "service-defaults",
                "Name": "web",
                "Protocol": "http",
                "CreateIndex": 5,
                "ModifyIndex": 6
            }

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public async Task Read_Missing_PrintsConsulNotFound()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/config/service-defaults/x", 404, "Config entry not found for \"service-defaults\" / \"x\"");

        var result = await CliRunner.RunAsync(["config", "read", "-kind=service-defaults", "-name=x", "-http-addr", server.Address]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "Error reading config entry service-defaults/x: Unexpected response code:" +
                " 404 (Config entry not found for \"service-defaults\" / \"x\")\n",
            result.Error);
    }

    [Theory]
    [InlineData(new[] { "config", "read", "-name", "web" }, "Must specify the -kind parameter\n")]
    [InlineData(new[] { "config", "read", "-kind", "mesh" }, "Must specify the -name parameter\n")]
    public async Task Read_MissingFlag_Fails(string[] args, string error)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(error, result.Error);
    }
}
