using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands;

public sealed class MembersCommandTests
{
    private const string Members = """
        [{"Name":"node-b","Addr":"127.0.0.2","Port":8301,"Tags":{"role":"node","dc":"dc1","build":"1.0.0:abc","vsn":"2"},"Status":1},
         {"Name":"server-dc1","Addr":"127.0.0.1","Port":8301,"Tags":{"role":"consul","dc":"dc1","build":"1.0.0:abc","vsn":"2"},"Status":1},
         {"Name":"node-a","Addr":"::1","Port":8301,"Tags":{"role":"node","dc":"dc1","build":"1.0.0","vsn":"2"},"Status":4}]
        """;

    [Fact]
    public async Task Members_PrintsServersFirstThenByName()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/agent/members", 200, Members);

        var result = await CliRunner.RunAsync(["members", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "Node        Address         Status  Type    Build  Protocol  DC   Partition  Segment\n"
            + "server-dc1  127.0.0.1:8301  alive   server  1.0.0  2         dc1  default    <all>\n"
            + "node-a      [::1]:8301      failed  client  1.0.0  2         dc1  default    <default>\n"
            + "node-b      127.0.0.2:8301  alive   client  1.0.0  2         dc1  default    <default>\n",
            result.Out);
    }

    [Fact]
    public async Task Members_StatusFilterMatchesNothing_ExitsTwo()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/agent/members", 200, Members);

        var result = await CliRunner.RunAsync(["members", "-status", "left", "-http-addr", server.Address]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
    }
}
