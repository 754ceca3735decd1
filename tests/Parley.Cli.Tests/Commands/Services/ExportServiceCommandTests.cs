using System.Text.Json.Nodes;
using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Services;

public sealed class ExportServiceCommandTests
{
    [Fact]
    public async Task Export_NoEntryYet_CreatesItWithCasZero()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond(
            "GET",
            "/v1/config/exported-services/default",
            404,
            "Config entry not found for \"exported-services\" / \"default\"");
        server.Respond("PUT", "/v1/config", 200, "true");

        var result = await CliRunner.RunAsync(
            ["services", "export", "-name", "web", "-consumer-peers", "east,west", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Successfully exported service \"web\" to cluster peers \"east,west\"\n", result.Out);
        var put = server.Single("PUT", "/v1/config");
        Assert.Equal("?cas=0", put.QueryString);
        Assert.Equal(
            """{"Kind":"exported-services","Name":"default","Services":[{"Name":"web","Consumers":[{"Peer":"east"},{"Peer":"west"}]}]}""",
            put.Body);
    }

    [Fact]
    public async Task Export_ExistingEntry_AddsOnlyNewPeersWithItsIndex()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/config/exported-services/default", 200, """
            {"Kind":"exported-services","Name":"default","Services":[
              {"Name":"web","Consumers":[{"Peer":"east"}]},{"Name":"db","Consumers":[{"Peer":"east"}]}],
             "CreateIndex":10,"ModifyIndex":12}
            """);
        server.Respond("PUT", "/v1/config", 200, "true");

        var result = await CliRunner.RunAsync(
            ["services", "export", "-name=web", "-consumer-peers=east,west", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        var put = server.Single("PUT", "/v1/config");
        Assert.Equal("?cas=12", put.QueryString);
        var services = JsonNode.Parse(put.Body)!["Services"]!.AsArray();
        Assert.Equal(["east", "west"], services[0]!["Consumers"]!.AsArray().Select(c => (string?)c!["Peer"]));
        Assert.Single(services[1]!["Consumers"]!.AsArray());
    }

    [Fact]
    public async Task Export_CasLost_AsksToRetry()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/config/exported-services/default", 404, "not found");
        server.Respond("PUT", "/v1/config", 200, "false");

        var result = await CliRunner.RunAsync(
            ["services", "export", "-name", "web", "-consumer-peers", "east", "-http-addr", server.Address]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Config entry was changed during update. Please try again\n", result.Error);
    }

    [Theory]
    [InlineData(new[] { "services", "export", "-consumer-peers", "a" }, "Missing the required -name flag\n")]
    [InlineData(new[] { "services", "export", "-name", "web" }, "Missing the required -consumer-peers or -consumer-partitions flag\n")]
    [InlineData(new[] { "services", "export", "-name", "web", "-consumer-peers", "a,,b" }, "Invalid peer \"\"\n")]
    public async Task Export_BadFlags_Fail(string[] args, string error)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(error, result.Error);
    }
}
