using System.Net;
using System.Text.Json.Nodes;
using CsCheck;
using Parley.Core.Acl;
using Parley.Core.Tests.Acl;
using Parley.Testing;
using static Parley.IntegrationTests.Acl.AclHttp;

namespace Parley.IntegrationTests.Acl;

/// <summary>
/// Random rules, tokens and ways of sending them against a real agent with <c>default_policy = "deny"</c>: no answer is a
/// 5xx, and every key read or write, health read and service list answers exactly as the reference evaluator
/// (<see cref="AclReference"/>) decides for the token's rules — never an allow the rules do not grant.
/// </summary>
public sealed class AclFuzzTests : IAsyncLifetime
{
    private const string Root = "6f0f3c55-1c7b-4c55-8f0e-8d9a3b7e2c41";
    private const string NodeName = "fz-node";

    private static readonly string[] Keys = ["web", "web-1", "api", "a/b"];
    private static readonly string[] Services = ["web", "web-1", "api"];

    private static readonly Gen<AclRule> Rule = Gen.Select(
            Gen.OneOf(AclResource.Key, AclResource.Service, AclResource.Node),
            Gen.OneOf("", "w", "we", "web", "web-1", "api", "a/", "a/b", "fz-", NodeName),
            Gen.Bool,
            Gen.OneOf(AclAccess.Read, AclAccess.List, AclAccess.Write, AclAccess.Deny))

        // `list` is a key policy only, and an exact rule needs a name.
        .Select((resource, name, prefix, access) => new AclRule(
            resource, name, prefix || name.Length == 0, access == AclAccess.List && resource != AclResource.Key ? AclAccess.Read : access));

    private static readonly Gen<(AclRule[] Rules, Via Via, string Junk)> Case =
        Gen.Select(Rule.Array[0, 6], Gen.Enum<Via>(), Gen.Char['!', '~'].Array[0, 12].Select(c => new string(c)));

    private TestAgent _agent = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => _agent.Http;

    public async ValueTask InitializeAsync()
    {
        _agent = await AclHttp.StartDenyingAgentAsync(Root, Ct);

        foreach (var service in Services)
        {
            var body =
                $$$"""{"Node":"{{{NodeName}}}","Address":"10.2.2.2","Service":{"ID":"{{{service}}}","Service":"{{{service}}}","Port":""" +
                $$$"""80}}""";
            Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(HttpMethod.Put, "/v1/catalog/register", Root, body, Ct)).Status);
        }

        foreach (var key in Keys)
        {
            Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(HttpMethod.Put, "/v1/kv/" + key, Root, "v", Ct)).Status);
        }
    }

    public async ValueTask DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task RandomRulesAndTokens_NeverA5xx_NeverAnAllowTheRulesDoNotGrant() =>
        await Case.SampleAsync(
            async sample =>
            {
                var (rules, via, junk) = sample;
                var secret = await TokenAsync(rules);
                bool Allows(AclResource resource, AclAccess access, string name)
                    => AclReference.Allows(rules, false, resource, access, name);

                foreach (var key in Keys)
                {
                    var read = await SendAsync(HttpMethod.Get, "/v1/kv/" + key, secret, null, via);
                    Assert.Equal(Allows(AclResource.Key, AclAccess.Read, key) ? HttpStatusCode.OK : HttpStatusCode.Forbidden, read.Status);
                    var write = await SendAsync(HttpMethod.Put, "/v1/kv/" + key, secret, "v", via);
                    Assert.Equal(
                        Allows(AclResource.Key, AclAccess.Write, key) ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
                        write.Status);
                }

                var nodeReadable = Allows(AclResource.Node, AclAccess.Read, NodeName);
                foreach (var service in Services)
                {
                    var rows = (await SendAsync(HttpMethod.Get, "/v1/health/service/" + service, secret, null, via)).Array();
                    Assert.Equal(Allows(AclResource.Service, AclAccess.Read, service) && nodeReadable, rows.Count == 1);
                }

                var listed = (await SendAsync(HttpMethod.Get, "/v1/catalog/services", secret, null, via)).Object();
                Assert.All(Services, s => Assert.Equal(Allows(AclResource.Service, AclAccess.Read, s), listed.ContainsKey(s)));

                // A secret no token has: Consul's 403, never a 5xx, whatever the characters and however it is sent.
                var made = await SendAsync(HttpMethod.Get, "/v1/kv/web", "x" + junk, null, via);
                Assert.Equal((HttpStatusCode.Forbidden, "ACL not found"), (made.Status, made.Body));
            },
            iter: 25,
            threads: 1);

    private async Task<Answer> SendAsync(HttpMethod method, string path, string secret, string? body, Via via)
    {
        var answer = await Http.SendAsync(method, path, secret, body, Ct, via);
        Assert.True((int)answer.Status < 500, $"{method} {path}: {(int)answer.Status} {answer.Body}");
        return answer;
    }

    private async Task<string> TokenAsync(AclRule[] rules)
    {
        var name = "fz-" + Guid.NewGuid().ToString("N")[..12];
        var text = string.Join("\n", rules.Select(Hcl));
        var policy = new JsonObject { ["Name"] = name, ["Rules"] = text };
        var created = await Http.SendAsync(HttpMethod.Put, "/v1/acl/policy", Root, policy.ToJsonString(), Ct);
        Assert.True(created.Status == HttpStatusCode.OK, $"policy {text}: {(int)created.Status} {created.Body}");
        var token = (await Http.SendAsync(HttpMethod.Put, "/v1/acl/token", Root, $$"""{"Policies":[{"Name":"{{name}}"}]}""", Ct)).Object();
        return (string)token["SecretID"]!;
    }

    private static string Hcl(AclRule rule) =>
        $"{rule.Resource.Name()}{(rule.Prefix ? "_prefix" : "")} \"{rule.Name}\" {{ policy = \"{rule.Access.Name()}\" }}";
}
