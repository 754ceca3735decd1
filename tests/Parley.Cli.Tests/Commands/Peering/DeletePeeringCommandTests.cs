using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Peering;

public sealed class DeletePeeringCommandTests
{
    [Theory]
    [InlineData("-name", "cluster-02")]
    [InlineData("--name", "cluster-02")]
    public async Task Delete_EitherFlagSpelling_SubmitsDeletion(string flag, string name)
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("DELETE", "/v1/peering/cluster-02", 200, "");

        var result = await CliRunner.RunAsync(["peering", "delete", flag, name, "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Successfully submitted peering connection, cluster-02, for deletion\n", result.Out);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Delete_AgentError_PrintsConsulMessage()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("DELETE", "/v1/peering/x", 500, "boom");

        var result = await CliRunner.RunAsync(["peering", "delete", "-name=x", "-http-addr", server.Address]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error deleting peering for x: Unexpected response code: 500 (boom)\n", result.Error);
    }

    [Fact]
    public async Task Delete_MissingName_Fails()
    {
        var result = await CliRunner.RunAsync(["peering", "delete"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Missing the required -name flag\n", result.Error);
    }
}
