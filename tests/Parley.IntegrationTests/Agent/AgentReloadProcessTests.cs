using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Config;

namespace Parley.IntegrationTests.Agent;

/// <summary><c>PUT /v1/agent/reload</c> on <c>parley agent</c> as a user runs it: the config dir is read again.</summary>
[Collection(ProcessCollection.Name)]
public sealed class AgentReloadProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reload_RegistersServicesAddedToTheConfigDir_AndRefusesABrokenFileNamingIt()
    {
        var dir = Directory.CreateTempSubdirectory("parley-reload-").FullName;
        try
        {
            await using var agent = ParleyProcess.StartAgent(ParleyProcess.FreeAgentPorts(), "-dev", "-config-dir", dir);
            await agent.WaitUntilReadyAsync(TimeSpan.FromSeconds(20), Ct);
            Assert.False((await agent.Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct)).ContainsKey("added"));

            await File.WriteAllTextAsync(Path.Combine(dir, "added.hcl"), """service { name = "added", port = 8080 }""", Ct);
            var reload = await agent.Http.PutAnswerAsync("/v1/agent/reload", "", Ct);

            Assert.Equal(HttpStatusCode.OK, reload.Status);
            Assert.Equal(8080, (int)(await agent.Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct))["added"]!["Port"]!);

            await File.WriteAllTextAsync(Path.Combine(dir, "broken.json"), """{"no_such_key": 1}""", Ct);
            var broken = await agent.Http.PutAnswerAsync("/v1/agent/reload", "", Ct);
            Assert.Equal(HttpStatusCode.InternalServerError, broken.Status);
            Assert.Contains("invalid config key \"no_such_key\"", broken.Body, StringComparison.Ordinal);
            Assert.Contains("broken.json", broken.Body, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
