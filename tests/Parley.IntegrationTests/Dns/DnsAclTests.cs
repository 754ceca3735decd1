using System.Net;
using System.Text.Json.Nodes;
using Parley.Testing;
using static Parley.IntegrationTests.Acl.AclHttp;

namespace Parley.IntegrationTests.Dns;

/// <summary>
/// DNS with <c>acl { default_policy = "deny" }</c>: questions carry no token, so the agent answers as its DNS token
/// (<c>acl.tokens.dns</c>, else the default token, else the anonymous one) and only with what that token may read.
/// </summary>
public sealed class DnsAclTests
{
    private const string Root = "7d1c2f0e-94b4-4c55-8f7e-3c0b6a1d2e01";
    private const string DnsSecret = "7d1c2f0e-94b4-4c55-8f7e-3c0b6a1d2e02";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DefaultDeny_WithoutADnsToken_AnswersNothing_UntilOneIsSetThroughTheAgentApi()
    {
        var port = FreePorts.Next();
        await using var agent = await StartDenyingAgentAsync(Root, Ct, c => c with { Ports = c.Ports with { Dns = port } });
        await RegisterAsync(agent, "host-a", "web", "10.0.0.1");

        Assert.Equal("NXDOMAIN", (await Dig.AskAsync(port, "web.service.consul")).Status);
        Assert.Equal("NXDOMAIN", (await Dig.AskAsync(port, "host-a.node.consul")).Status);

        var secret = await CreateTokenAsync(
            agent,
            "service_prefix \"\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }",
            null);
        var set = await agent.Http.SendAsync(
            HttpMethod.Put,
            "/v1/agent/token/dns",
            Root,
            new JsonObject { ["Token"] = secret }.ToJsonString(),
            Ct);
        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal(["10.0.0.1"], (await Dig.AskAsync(port, "web.service.consul")).Data("A"));
        Assert.Equal(["127.0.0.1"], (await Dig.AskAsync(port, "host-a.node.consul")).Data("A"));
    }

    [Fact]
    public async Task DnsToken_AnswersWhatItsRulesGrant_FromTheMomentItExists()
    {
        var port = FreePorts.Next();
        await using var agent = await StartDenyingAgentAsync(
            Root, Ct, c => c with { Ports = c.Ports with { Dns = port }, AclTokens = c.AclTokens with { Dns = DnsSecret } });
        await RegisterAsync(agent, "host-a", "web", "10.0.0.1");
        await RegisterAsync(agent, "host-b", "db", "10.0.0.2");

        // The configured secret names no token yet: nothing is answered (never a broader token's view).
        Assert.Equal("NXDOMAIN", (await Dig.AskAsync(port, "web.service.consul")).Status);

        await CreateTokenAsync(agent, "service \"web\" { policy = \"read\" }\nnode_prefix \"host-\" { policy = \"read\" }", DnsSecret);

        var web = await Dig.AskAsync(port, "web.service.consul");
        Assert.Equal("NOERROR", web.Status);
        Assert.Equal(["10.0.0.1"], web.Data("A"));
        Assert.Equal("NXDOMAIN", (await Dig.AskAsync(port, "db.service.consul")).Status);
        Assert.Equal(["127.0.0.1"], (await Dig.AskAsync(port, "host-b.node.consul")).Data("A"));
    }

    [Fact]
    public async Task APreparedQueryWithItsOwnToken_AnswersAsThatToken()
    {
        var port = FreePorts.Next();
        await using var agent = await StartDenyingAgentAsync(Root, Ct, c => c with { Ports = c.Ports with { Dns = port } });
        await RegisterAsync(agent, "host-a", "web", "10.0.0.1");
        var reader = await CreateTokenAsync(agent, "service \"web\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }", null);
        foreach (var (name, token) in new[] { ("with-token", reader), ("without", "") })
        {
            var query = new JsonObject { ["Name"] = name, ["Token"] = token, ["Service"] = new JsonObject { ["Service"] = "web" } };
            var created = await agent.Http.SendAsync(HttpMethod.Post, "/v1/query", Root, query.ToJsonString(), Ct);
            Assert.True(created.Status == HttpStatusCode.OK, created.Body);
        }

        // The DNS token (anonymous, denying) reads nothing; the query's own token reads web.
        Assert.Equal("NXDOMAIN", (await Dig.AskAsync(port, "web.service.consul")).Status);
        Assert.Equal("NXDOMAIN", (await Dig.AskAsync(port, "without.query.consul")).Status);
        Assert.Equal(["10.0.0.1"], (await Dig.AskAsync(port, "with-token.query.consul")).Data("A"));
    }

    /// <summary>A token with <paramref name="rules"/> (and <paramref name="secret"/> as its SecretID when given); its secret.</summary>
    private static async Task<string> CreateTokenAsync(TestAgent agent, string rules, string? secret)
    {
        var name = "dns-" + Guid.NewGuid().ToString("N")[..8];
        (await agent.Http.SendAsync(HttpMethod.Put, "/v1/acl/policy", Root,
            new JsonObject { ["Name"] = name, ["Rules"] = rules }.ToJsonString(), Ct)).Object();
        var token = new JsonObject { ["Policies"] = new JsonArray(new JsonObject { ["Name"] = name }) };
        if (secret is not null)
        {
            token["SecretID"] = secret;
        }

        return (string)(await agent.Http.SendAsync(HttpMethod.Put, "/v1/acl/token", Root, token.ToJsonString(), Ct)).Object()["SecretID"]!;
    }

    private static async Task RegisterAsync(TestAgent agent, string node, string service, string address)
    {
        var body = new JsonObject
        {
            ["Node"] = node,
            ["Address"] = "127.0.0.1",
            ["Service"] = new JsonObject { ["ID"] = service + "-1", ["Service"] = service, ["Port"] = 8080, ["Address"] = address },
        }.ToJsonString();
        var answer = await agent.Http.SendAsync(HttpMethod.Put, "/v1/catalog/register", Root, body, Ct);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
    }
}
