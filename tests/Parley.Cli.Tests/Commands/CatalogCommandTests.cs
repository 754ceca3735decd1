using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands;

public sealed class CatalogCommandTests
{
    [Fact]
    public async Task Datacenters_PrintsOnePerLine()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/catalog/datacenters", 200, """["dc1","dc2"]""");

        var result = await CliRunner.RunAsync(["catalog", "datacenters", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("dc1\ndc2\n", result.Out);
    }

    [Fact]
    public async Task Nodes_PrintsTableWithShortIds()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/catalog/nodes", 200, """
            [{"ID":"40e4a748-2192-161a-0510-9bf59fe950b5","Node":"server-dc1","Address":"127.0.0.1","Datacenter":"dc1"},
             {"ID":"","Node":"node-a","Address":"10.0.0.12","Datacenter":"dc1"}]
            """);

        var result = await CliRunner.RunAsync(["catalog", "nodes", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "Node        ID        Address    DC\nserver-dc1  40e4a748  127.0.0.1  dc1\nnode-a                10.0.0.12  dc1\n",
            result.Out);
    }

    [Fact]
    public async Task Nodes_None_TellsOnStandardError()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/catalog/nodes", 200, "[]");

        var result = await CliRunner.RunAsync(["catalog", "nodes", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No nodes match the given query - try expanding your search.\n", result.Error);
    }

    [Fact]
    public async Task Services_SortedNames()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/catalog/services", 200, """{"web":["v2","v1"],"consul":[],"api":null}""");

        var result = await CliRunner.RunAsync(["catalog", "services", "-http-addr", server.Address]);

        Assert.Equal("api\nconsul\nweb\n", result.Out);
    }

    [Fact]
    public async Task Services_Tags_PrintsSortedTagsBesideNames()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/catalog/services", 200, """{"web":["v2","v1"],"consul":[]}""");

        var result = await CliRunner.RunAsync(["catalog", "services", "-tags", "-http-addr", server.Address]);

        // Like Go's tabwriter, a name without tags is still padded to the column.
        Assert.Equal("consul      \nweb         v1,v2\n", result.Out);
    }
}
