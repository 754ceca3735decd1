using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Config;

public sealed class WriteConfigCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parley-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Write_HclFile_SendsJsonAndPrintsWritten()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("PUT", "/v1/config", 200, "true");
        var file = Write("exports.hcl", """
            Kind = "exported-services"
            Name = "default"
            Services = [
              {
                ## The service to export.
                Name      = "backend-service"
                Consumers = [ { Peer = "cluster-02" } ]
              }
            ]
            """);

        var result = await CliRunner.RunAsync(["config", "write", "-http-addr", server.Address, file]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Config entry written: exported-services/default\n", result.Out);
        Assert.Equal(
            """{"Kind":"exported-services","Name":"default","Services":[{"Name":"backend-service","Consumers":[{"Peer":"cluster-02"}]}]}""",
            server.Single("PUT", "/v1/config").Body);
    }

    [Fact]
    public async Task Write_JsonFromStandardInput_IsSent()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("PUT", "/v1/config", 200, "true");

        var result = await CliRunner.RunAsync(
            ["config", "write", "-http-addr", server.Address, "-"],
            standardInput: """{ "Kind": "service-resolver", "Name": "frontend-peer", "Redirect": { "Service": "frontend",""" +
                """ "Peer": "cluster-02" } }""");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Config entry written: service-resolver/frontend-peer\n", result.Out);
        Assert.Contains("\"Peer\":\"cluster-02\"", server.Single("PUT", "/v1/config").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_CasLost_PrintsNotUpdatedAndFails()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("PUT", "/v1/config", 200, "false");
        var file = Write("web.hcl", "kind = \"service-defaults\"\nname = \"web\"\nprotocol = \"http\"\n");

        var result = await CliRunner.RunAsync(["config", "write", "-cas", "-modify-index", "7", "-http-addr", server.Address, file]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Config entry not updated: service-defaults/web\n", result.Error);
        Assert.Equal("?cas=7", server.Single("PUT", "/v1/config").QueryString);
    }

    [Fact]
    public async Task Write_AgentRejects_PrintsConsulError()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("PUT", "/v1/config", 500, "Services[0].Consumers[0]: exporting to all peers (wildcard) is not supported");
        var file = Write(
            "wild.hcl",
            "Kind = \"exported-services\"\nName = \"default\"\nServices = [ { Name = \"x\", Consumers = [ { Peer = \"*\" } ] } ]\n");

        var result = await CliRunner.RunAsync(["config", "write", "-http-addr", server.Address, file]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "Error writing config entry exported-services/default: Unexpected response code: 500 "
            + "(Services[0].Consumers[0]: exporting to all peers (wildcard) is not supported)\n",
            result.Error);
    }

    [Fact]
    public async Task Write_MalformedHcl_FailsToDecodeWithoutCallingAgent()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        var file = Write("broken.hcl", "Kind = \"exported-services\"\nName = \"default\"\nServices = [ {\n");

        var result = await CliRunner.RunAsync(["config", "write", "-http-addr", server.Address, file]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Failed to decode config entry input: broken.hcl:", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("Name = \"web\"\n", "Failed to decode config entry input: Payload does not contain a kind/Kind key at the top level\n")]
    [InlineData("Kind = 3\n", "Failed to decode config entry input: Kind value in payload is not a string\n")]
    [InlineData("Kind = \"nonsense\"\n", "Failed to decode config entry input: invalid config entry kind: nonsense\n")]
    public async Task Write_BadKind_FailsToDecode(string hcl, string error)
    {
        var file = Write("entry.hcl", hcl);

        var result = await CliRunner.RunAsync(["config", "write", "-http-addr", "127.0.0.1:1", file]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task Write_NoArgument_FailsWithConsulMessage()
    {
        var result = await CliRunner.RunAsync(["config", "write"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Must provide exactly one positional argument to specify the config entry to write\n", result.Error);
    }

    [Fact]
    public async Task Write_MissingFile_FailsToLoad()
    {
        var result = await CliRunner.RunAsync(["config", "write", Path.Combine(_folder, "absent.hcl")]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Failed to load data: ", result.Error, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
