using System.Net;

namespace Parley.IntegrationTests.Acl;

/// <summary><c>PUT /v1/agent/token/:kind</c> with ACLs on: agent:write needed, Consul's kinds, the default token in effect at once.</summary>
public sealed class AgentTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DefaultToken_SetThroughTheApi_AnswersRequestsWithoutAToken()
    {
        const string root = "5c2e7f10-3b4a-4d6e-8f90-1a2b3c4d5e6f";
        await using var agent = await AclHttp.StartDenyingAgentAsync(root, Ct);
        var reader = (await agent.Http.SendAsync(HttpMethod.Put, "/v1/acl/policy", root, """{"Name":"kv-read","Rules":"key_prefix \"\" { policy = \"read\" }"}""", Ct)).Object();
        var token = (await agent.Http.SendAsync(HttpMethod.Put, "/v1/acl/token", root, $$"""{"Policies":[{"ID":"{{reader["ID"]}}"}]}""", Ct)).Object();
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
}
