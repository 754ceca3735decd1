using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Services;

public sealed class ExportedAndImportedServicesCommandTests
{
    [Fact]
    public async Task ExportedServices_Pretty_PrintsServiceAndConsumerPeers()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/exported-services", 200,
            """[{"Service":"backend","Consumers":{"Peers":["east","west"]}},{"Service":"db","Consumers":{"Peers":["east"]}}]""");

        var result = await CliRunner.RunAsync(["services", "exported-services", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Service  Consumer Peers\nbackend  east, west\ndb       east\n", result.Out);
    }

    [Fact]
    public async Task ExportedServices_Json_IndentedWithFourSpaces()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/exported-services", 200, """[{"Service":"db","Consumers":{"Peers":["east"]}}]""");

        var result = await CliRunner.RunAsync(["services", "exported-services", "-format", "json", "-http-addr", server.Address]);

        Assert.Equal(
            """
            [
                {
                    "Service": "db",
                    "Consumers": {
                        "Peers": [
                            "east"
                        ]
                    }
                }
            ]

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public async Task ExportedServices_None_SaysSo()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/exported-services", 200, "[]");

        var result = await CliRunner.RunAsync(["services", "exported-services", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No exported services found\n", result.Out);
    }

    [Fact]
    public async Task ImportedServices_Pretty_PrintsServiceAndSourcePeer()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/imported-services", 200,
            """[{"Service":"backend-service","SourcePeer":"cluster-01"},{"Service":"api","SourcePeer":"cluster-03"}]""");

        var result = await CliRunner.RunAsync(["services", "imported-services", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Service          Source Peer\nbackend-service  cluster-01\napi              cluster-03\n", result.Out);
    }

    [Fact]
    public async Task ImportedServices_None_SaysSo()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/imported-services", 200, "[]");

        var result = await CliRunner.RunAsync(["services", "imported-services", "-http-addr", server.Address]);

        Assert.Equal("No imported services found\n", result.Out);
    }
}
