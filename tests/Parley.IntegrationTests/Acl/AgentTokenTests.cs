using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Agent.Configuration;
using Parley.Api.Acl;

namespace Parley.IntegrationTests.Acl;

/// <summary>
/// <c>PUT /v1/agent/token/:kind</c> with ACLs on: agent:write needed, Consul's kinds, the default token in effect at once.
/// </summary>
public sealed class AgentTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DefaultToken_SetThroughTheApi_AnswersRequestsWithoutAToken()
    {
        const string root = "5c2e7f10-3b4a-4d6e-8f90-1a2b3c4d5e6f";
        await using var agent = await AclHttp.StartDenyingAgentAsync(root, Ct);
        var reader =
            (await agent.Http.SendAsync(HttpMethod.Put, "/v1/acl/policy", root,
            """{"Name":"kv-read","Rules":"key_prefix \"\" { policy = \"read\" }"}""", Ct)).Object();
        var token =
            (await agent.Http.SendAsync(HttpMethod.Put, "/v1/acl/token", root, $$"""{"Policies":[{"ID":"{{reader["ID"]}}"}]}""", Ct))
            .Object();
        await agent.Http.SendAsync(HttpMethod.Put, "/v1/kv/greeting", root, "hi", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.SendAsync(HttpMethod.Get, "/v1/kv/greeting", null, null, Ct)).Status);

        var anonymous = await agent.Http.SendAsync(
            HttpMethod.Put,
            "/v1/agent/token/default",
            null,
            $$"""{"Token":"{{token["SecretID"]}}"}""",
            Ct);
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.Status);
        var set = await agent.Http.SendAsync(
            HttpMethod.Put,
            "/v1/agent/token/default",
            root,
            $$"""{"Token":"{{token["SecretID"]}}"}""",
            Ct);
        Assert.Equal(HttpStatusCode.OK, set.Status);

        Assert.Equal(HttpStatusCode.OK, (await agent.Http.SendAsync(HttpMethod.Get, "/v1/kv/greeting", null, null, Ct)).Status);
        var unknown = await agent.Http.SendAsync(HttpMethod.Put, "/v1/agent/token/bogus", root, """{"Token":"x"}""", Ct);
        Assert.Equal((HttpStatusCode.NotFound, "Token \"bogus\" is unknown"), (unknown.Status, unknown.Body));
    }

    [Fact]
    public async Task TokenPersistence_TokensSetThroughTheApi_SurviveARestartAndWinOverTheConfiguredOnes()
    {
        const string root = "7d1e2f30-4b5c-4d6e-8f90-2a3b4c5d6e7f";
        var dataDir = Directory.CreateTempSubdirectory("parley-tokens-").FullName;
        try
        {
            // Back with the same data dir, node name and ports, as an operator restarts a server.
            AgentPorts? ports = null;
            string? nodeName = null;
            AgentConfig Persisting(AgentConfig c) => c with
            {
                DataDir = dataDir,
                NodeName = nodeName ?? c.NodeName,
                Ports = ports ?? c.Ports,
                AclEnableTokenPersistence = true,
                AclTokens = c.AclTokens with { Agent = "configured-agent-token" },
            };

            string secret;
            await using (var agent = await AclHttp.StartDenyingAgentAsync(root, Ct, Persisting))
            {
                (ports, nodeName) = (agent.Agent.Config.Ports, agent.Agent.Config.NodeName);
                const string rules = """{"Name":"kv-read","Rules":"key_prefix \"\" { policy = \"read\" }"}""";
                var reader = (await agent.Http.SendAsync(HttpMethod.Put, "/v1/acl/policy", root, rules, Ct)).Object();
                var created = await agent.Http.SendAsync(
                    HttpMethod.Put, "/v1/acl/token", root, $$"""{"Policies":[{"ID":"{{reader["ID"]}}"}]}""", Ct);
                secret = (string)created.Object()["SecretID"]!;
                await agent.Http.SendAsync(HttpMethod.Put, "/v1/kv/greeting", root, "hi", Ct);
                var setDefault = await agent.Http.SendAsync(
                    HttpMethod.Put, "/v1/agent/token/default", root, $$"""{"Token":"{{secret}}"}""", Ct);
                Assert.Equal(HttpStatusCode.OK, setDefault.Status);
                var setAgent = await agent.Http.SendAsync(
                    HttpMethod.Put, "/v1/agent/token/agent", root, """{"Token":"api-agent-token"}""", Ct);
                Assert.Equal(HttpStatusCode.OK, setAgent.Status);
            }

            var file = Path.Combine(dataDir, "acl-tokens.json");
            var persisted = JsonNode.Parse(await File.ReadAllTextAsync(file, Ct))!.AsObject();
            Assert.Equal(secret, (string?)persisted["default"]);
            Assert.Equal("api-agent-token", (string?)persisted["agent"]);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            await using (var again = await AclHttp.StartDenyingAgentAsync(root, Ct, Persisting))
            {
                // A request without a token is answered as the persisted default token, which may read keys.
                Assert.Equal(HttpStatusCode.OK, (await again.Http.SendAsync(HttpMethod.Get, "/v1/kv/greeting", null, null, Ct)).Status);
                var tokens = again.Agent.Services.GetRequiredService<AgentTokens>();
                Assert.Equal("api-agent-token", tokens.Agent);
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task WithoutPersistence_TokensSetThroughTheApi_AreNotWritten()
    {
        const string root = "8e2f3a40-5c6d-4e7f-9a01-3b4c5d6e7f80";
        var dataDir = Directory.CreateTempSubdirectory("parley-tokens-").FullName;
        try
        {
            await using var agent = await AclHttp.StartDenyingAgentAsync(root, Ct, c => c with { DataDir = dataDir });
            var set = await agent.Http.SendAsync(HttpMethod.Put, "/v1/agent/token/default", root, """{"Token":"x"}""", Ct);
            Assert.Equal(HttpStatusCode.OK, set.Status);
            Assert.False(File.Exists(Path.Combine(dataDir, "acl-tokens.json")));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
