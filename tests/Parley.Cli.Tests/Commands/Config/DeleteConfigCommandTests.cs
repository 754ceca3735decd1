using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Config;

public sealed class DeleteConfigCommandTests
{
    [Fact]
    public async Task Delete_KindAndName_PrintsDeleted()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("DELETE", "/v1/config/service-defaults/web", 200, "{}");

        var result = await CliRunner.RunAsync(
            ["config", "delete", "-kind", "service-defaults", "-name", "web", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Config entry deleted: service-defaults/web\n", result.Out);
    }

    [Fact]
    public async Task Delete_Filename_TakesKindAndNameFromFile()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("DELETE", "/v1/config/service-intentions/db", 200, "true");
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "Kind = \"service-intentions\"\nName = \"db\"\n");

            var result = await CliRunner.RunAsync(
                ["config", "delete", "-filename", file, "-cas", "-modify-index=9", "-http-addr", server.Address]);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal("Config entry deleted: service-intentions/db\n", result.Out);
            Assert.Equal("?cas=9", server.Single("DELETE", "/v1/config/service-intentions/db").QueryString);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Delete_CasLost_PrintsNotDeleted()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("DELETE", "/v1/config/mesh/mesh", 200, "false");

        var result = await CliRunner.RunAsync(
            ["config", "delete", "-kind", "mesh", "-name", "mesh", "-cas", "-modify-index", "3", "-http-addr", server.Address]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Config entry not deleted: mesh/mesh\n", result.Error);
    }

    [Theory]
    [InlineData(new[] { "config", "delete" }, "Must specify the -kind or -filename parameter\n")]
    [InlineData(new[] { "config", "delete", "-filename", "f.hcl", "-kind", "mesh" }, "filename can't be used with kind or name\n")]
    [InlineData(new[] { "config", "delete", "-kind", "mesh" }, "Must specify the -name parameter\n")]
    [InlineData(new[] { "config", "delete", "-kind", "mesh", "-name", "mesh", "-cas" },
        "Must specify a -modify-index greater than 0 with -cas\n")]
    [InlineData(new[] { "config", "delete", "-kind", "mesh", "-name", "mesh", "-modify-index", "4" },
        "Cannot specify -modify-index without -cas\n")]
    public async Task Delete_BadFlags_FailWithConsulMessages(string[] args, string error)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(error, result.Error);
    }
}
