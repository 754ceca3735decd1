using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Peering;

public sealed class PeeringExportedServicesCommandTests
{
    [Fact]
    public async Task ExportedServices_Pretty_OneNamePerLine()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peering/east", 200, """{"Name":"east","StreamStatus":{"ExportedServices":["db","web"]}}""");

        var result = await CliRunner.RunAsync(["peering", "exported-services", "-name", "east", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("db\nweb\n", result.Out);
    }

    [Fact]
    public async Task ExportedServices_Json_PrintsServiceIds()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peering/east", 200, """{"Name":"east","StreamStatus":{"ExportedServices":["web"]}}""");

        var result = await CliRunner.RunAsync(
            ["peering", "exported-services", "-name", "east", "-format", "json", "-http-addr", server.Address]);

        Assert.Equal("""[{"ID":"web"}]""" + "\n", result.Out);
    }

    [Fact]
    public async Task ExportedServices_UnknownPeer_Fails()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(["peering", "exported-services", "-name", "nope", "-http-addr", server.Address]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("No peering with name nope found.\n", result.Error);
    }
}
