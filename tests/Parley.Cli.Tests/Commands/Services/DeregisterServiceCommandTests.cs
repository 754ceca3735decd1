using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Services;

public sealed class DeregisterServiceCommandTests
{
    [Fact]
    public async Task Deregister_Id_RemovesService()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("PUT", "/v1/agent/service/deregister/web-1", 200, "");

        var result = await CliRunner.RunAsync(["services", "deregister", "-id=web-1", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Deregistered service: web-1\n", result.Out);
    }

    [Fact]
    public async Task Deregister_File_RemovesByIdOrName()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("PUT", "/v1/agent/service/deregister/web", 200, "");
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"Service": {"Name": "web", "Port": 80}}""");

            var result = await CliRunner.RunAsync(["services", "deregister", "-http-addr", server.Address, file]);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal("Deregistered service: web\n", result.Out);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new[] { "services", "deregister" }, "Service deregistration requires at least one argument or -id.\n")]
    [InlineData(new[] { "services", "deregister", "-id", "a", "f.json" }, "Service deregistration requires arguments or -id, not both.\n")]
    public async Task Deregister_BadArguments_Fail(string[] args, string error)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(error, result.Error);
    }
}
