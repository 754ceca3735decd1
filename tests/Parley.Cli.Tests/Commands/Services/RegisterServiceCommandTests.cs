using System.Text.Json.Nodes;
using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Services;

public sealed class RegisterServiceCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parley-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Register_Flags_SendsRegistration()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("PUT", "/v1/agent/service/register", 200, "");

        var result = await CliRunner.RunAsync(
            ["services", "register", "-name=web", "-id", "web-1", "-address", "10.0.0.1", "-port", "8080", "-tag", "v1", "-tag=blue",
                "-meta", "team=a",
             "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Registered service: web\n", result.Out);
        Assert.Equal(
            """{"ID":"web-1","Name":"web","Tags":["v1","blue"],"Port":8080,"Address":"10.0.0.1","Meta":{"team":"a"}}""",
            server.Single("PUT", "/v1/agent/service/register").Body);
    }

    [Fact]
    public async Task Register_HclServiceBlock_SendsDefinitionWithChecks()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("PUT", "/v1/agent/service/register", 200, "");
        var file = Write("web.hcl", """
            service {
              name = "web"
              port = 80
              tags = ["v1"]
              enable_tag_override = true
              meta = { some_key = "x" }
              check {
                id       = "web-ttl"
                ttl      = "30s"
              }
              connect { sidecar_service {} }
            }
            """);

        var result = await CliRunner.RunAsync(["services", "register", "-meta", "added=1", "-http-addr", server.Address, file]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Registered service: web\n", result.Out);
        var body = JsonNode.Parse(server.Single("PUT", "/v1/agent/service/register").Body)!;
        Assert.Equal("web", (string?)body["Name"]);
        Assert.Equal(80, (int?)body["Port"]);
        Assert.True((bool?)body["EnableTagOverride"]);
        Assert.Equal("x", (string?)body["Meta"]!["some_key"]);
        Assert.Equal("1", (string?)body["Meta"]!["added"]);
        Assert.Equal("30s", (string?)body["Check"]!["TTL"]);
        Assert.NotNull(body["Connect"]!["SidecarService"]);
    }

    [Fact]
    public async Task Register_JsonServicesList_RegistersEach()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("PUT", "/v1/agent/service/register", 200, "");
        var file = Write("many.json", """{"services": [{"name": "a", "port": 1}, {"Name": "b", "Port": 2}]}""");

        var result = await CliRunner.RunAsync(["services", "register", "-http-addr", server.Address, file]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Registered service: a\nRegistered service: b\n", result.Out);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Register_NothingGiven_Fails()
    {
        var result = await CliRunner.RunAsync(["services", "register"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Service registration requires at least one argument or flags.\n", result.Error);
    }

    [Fact]
    public async Task Register_FileWithoutServices_Fails()
    {
        var file = Write("empty.hcl", "datacenter = \"dc1\"\n");

        var result = await CliRunner.RunAsync(["services", "register", file]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"Error: {file} has no service definitions\n", result.Error);
    }

    [Fact]
    public async Task Register_AgentRejects_PrintsError()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("PUT", "/v1/agent/service/register", 400, "Invalid service: missing name");

        var result = await CliRunner.RunAsync(["services", "register", "-name", "web", "-http-addr", server.Address]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error registering service \"web\": Unexpected response code: 400 (Invalid service: missing name)\n", result.Error);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
