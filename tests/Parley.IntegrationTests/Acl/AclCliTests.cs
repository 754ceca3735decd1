using System.Text.RegularExpressions;
using Parley.IntegrationTests.Config;
using Parley.Testing;

namespace Parley.IntegrationTests.Acl;

/// <summary>
/// The <c>parley acl</c> commands as a user runs them (the built apphost) against a real agent with
/// <c>default_policy = "deny"</c>, with the token from <c>-token</c>, <c>-token-file</c>, <c>CONSUL_HTTP_TOKEN</c> and
/// <c>CONSUL_HTTP_TOKEN_FILE</c>.
/// </summary>
public sealed partial class AclCliTests : IAsyncLifetime
{
    private TestAgent _agent = null!;
    private string _dir = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _agent = await TestAgent.StartAsync(c => c with { AclsEnabled = true, AclDefaultPolicy = "deny" }, cancellationToken: Ct);
        _dir = Directory.CreateTempSubdirectory("parley-acl-cli-").FullName;
    }

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Walkthrough_BootstrapPolicyToken_ThenPeeringWithTheToken()
    {
        var bootstrap = await RunAsync("acl", "bootstrap");
        Assert.True(bootstrap.ExitCode == 0, bootstrap.ToString());
        Assert.Matches(
            @"^AccessorID:       [0-9a-f-]{36}\nSecretID:         [0-9a-f-]{36}\nDescription:      Bootstrap Token \(Global Management\)\n"
            + @"Local:            false\nCreate Time:      \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC\nPolicies:\n"
            + @"   00000000-0000-0000-0000-000000000001 - global-management\n\n$", bootstrap.Out);
        var root = Field().Match(bootstrap.Out).Groups[1].Value;

        var again = await RunAsync("acl", "bootstrap");
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith(
            "Failed ACL bootstrapping: Unexpected response code: 403 (Permission denied: ACL bootstrap no longer allowed (reset index: ",
            again.Error);

        var rules = Path.Combine(_dir, "peering.hcl");
        await File.WriteAllTextAsync(rules, "peering = \"write\"\n", Ct);
        var policy = await RunAsync("acl", "policy", "create", "-name", "peering-admin", "-rules", "@" + rules, "-token", root);
        Assert.True(policy.ExitCode == 0, policy.ToString());
        Assert.Contains(
            "Name:         peering-admin\nDescription:  \nDatacenters:  \nRules:\npeering = \"write\"\n",
            policy.Out,
            StringComparison.Ordinal);

        var rootFile = Path.Combine(_dir, "root.token");
        await File.WriteAllTextAsync(rootFile, root + "\n", Ct);
        var token = await RunAsync(
            "acl",
            "token",
            "create",
            "-description",
            "peering operator",
            "-policy-name",
            "peering-admin",
            "-token-file",
            rootFile);
        Assert.True(token.ExitCode == 0, token.ToString());
        Assert.Contains("Description:      peering operator\n", token.Out, StringComparison.Ordinal);
        Assert.Matches(@"Policies:\n   [0-9a-f-]{36} - peering-admin\n", token.Out);
        var secret = Field().Match(token.Out).Groups[1].Value;

        var self = await RunWithAsync(new() { ["CONSUL_HTTP_TOKEN"] = secret }, "acl", "token", "read", "-self");
        Assert.True(self.ExitCode == 0, self.ToString());
        Assert.Contains("peering operator", self.Out, StringComparison.Ordinal);

        var refused = await RunAsync("peering", "generate-token", "-name", "cluster-02");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Permission denied: anonymous token lacks permission 'peering:write'", refused.Error, StringComparison.Ordinal);

        var secretFile = Path.Combine(_dir, "operator.token");
        await File.WriteAllTextAsync(secretFile, secret, Ct);
        var generated = await RunWithAsync(
            new() { ["CONSUL_HTTP_TOKEN_FILE"] = secretFile },
            "peering",
            "generate-token",
            "-name",
            "cluster-02");
        Assert.True(generated.ExitCode == 0, generated.ToString());

        var list = await RunWithAsync(new() { ["CONSUL_HTTP_TOKEN"] = root }, "acl", "token", "list");
        Assert.Contains("Description:      Anonymous Token\n", list.Out, StringComparison.Ordinal);
        Assert.Contains("Legacy:           false\n", list.Out, StringComparison.Ordinal);

        var policies = await RunAsync("acl", "policy", "list", "-token", root);
        Assert.Contains(
            "global-management:\n   ID:           00000000-0000-0000-0000-000000000001\n",
            policies.Out,
            StringComparison.Ordinal);

        var updated = await RunAsync("acl", "policy", "update", "-name", "peering-admin", "-description", "peers", "-token", root);
        Assert.True(updated.ExitCode == 0, updated.ToString());
        Assert.Contains("Description:  peers\n", updated.Out, StringComparison.Ordinal);

        var read = await RunAsync("acl", "policy", "read", "-name", "peering-admin", "-format", "json", "-token", root);
        Assert.Contains("\"Rules\": \"peering = \\\"write\\\"\\n\"", read.Out, StringComparison.Ordinal);

        var accessor = Regex.Match(token.Out, "AccessorID:       (\\S+)").Groups[1].Value;
        var deleted = await RunAsync("acl", "token", "delete", "-id", accessor, "-token", root);
        Assert.Equal($"Token \"{accessor}\" deleted successfully\n", deleted.Out);
        var gone = await RunWithAsync(new() { ["CONSUL_HTTP_TOKEN"] = secret }, "acl", "token", "read", "-self");
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("ACL not found", gone.Error, StringComparison.Ordinal);

        var policyDeleted = await RunAsync("acl", "policy", "delete", "-name", "peering-admin", "-token", root);
        Assert.StartsWith("Policy \"", policyDeleted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_CreateListReadUpdateDelete_WithConsulsOutput_AndATokenThroughTheRole()
    {
        var root = Field().Match((await RunAsync("acl", "bootstrap")).Out).Groups[1].Value;
        var rules = Path.Combine(_dir, "peering.hcl");
        await File.WriteAllTextAsync(rules, "peering = \"write\"\n", Ct);
        Assert.Equal(
            0,
            (await RunAsync("acl", "policy", "create", "-name", "peering-admin", "-rules", "@" + rules, "-token", root)).ExitCode);

        var nameless = await RunAsync("acl", "role", "create", "-policy-name", "peering-admin", "-token", root);
        Assert.Equal((1, "Missing require '-name' flag\n"), (nameless.ExitCode, nameless.Error));
        var empty = await RunAsync("acl", "role", "create", "-name", "ops", "-token", root);
        Assert.Equal(
            (1, "Cannot create a role without specifying -policy-name, -policy-id, -service-identity, or -node-identity at least once\n"),
            (empty.ExitCode, empty.Error));
        var denied = await RunAsync("acl", "role", "create", "-name", "ops", "-policy-name", "peering-admin");
        Assert.Equal(1, denied.ExitCode);
        Assert.StartsWith(
            "Failed to create new role: Unexpected response code: 403 (Permission denied: anonymous token lacks permission 'acl:write'",
            denied.Error,
            StringComparison.Ordinal);

        var created = await RunAsync(
            "acl", "role", "create", "-name", "ops", "-description", "operators", "-policy-name", "peering-admin",
            "-service-identity", "web:dc1,dc2", "-node-identity", "node-1:dc1", "-token", root);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches(
            @"^ID:           ([0-9a-f-]{36})\nName:         ops\nDescription:  operators\nPolicies:\n   [0-9a-f-]{36} - peering-admin\n"
            + @"Service Identities:\n   web \(Datacenters: dc1, dc2\)\nNode Identities:\n   node-1 \(Datacenter: dc1\)\n\n$",
            created.Out);
        var id = Regex.Match(created.Out, "^ID: +(\\S+)").Groups[1].Value;

        var list = await RunAsync("acl", "role", "list", "-token", root);
        Assert.Contains(
            $"ops:\n   ID:           {id}\n   Description:  operators\n   Policies:\n      ",
            list.Out,
            StringComparison.Ordinal);
        Assert.Contains(
            "   Service Identities:\n      web (Datacenters: dc1, dc2)\n   Node Identities:\n      node-1 (Datacenter: dc1)\n",
            list.Out,
            StringComparison.Ordinal);

        var read = await RunAsync("acl", "role", "read", "-name", "ops", "-meta", "-token", root);
        Assert.Matches(@"Description:  operators\nHash:         [0-9a-f]+\nCreate Index: \d+\nModify Index: \d+\nPolicies:", read.Out);
        var json = await RunAsync("acl", "role", "read", "-id", id, "-format", "json", "-token", root);
        Assert.Contains("    \"Name\": \"ops\",\n", json.Out, StringComparison.Ordinal);

        // Merge (the default) keeps what the role has and adds or replaces what is given.
        var merged = await RunAsync(
            "acl",
            "role",
            "update",
            "-id",
            id,
            "-description",
            "on call",
            "-service-identity",
            "web",
            "-token",
            root);
        Assert.True(merged.ExitCode == 0, merged.ToString());
        Assert.Contains("Description:  on call\nPolicies:\n", merged.Out, StringComparison.Ordinal);
        Assert.Contains(
            "Service Identities:\n   web (Datacenters: all)\nNode Identities:\n   node-1 (Datacenter: dc1)\n",
            merged.Out,
            StringComparison.Ordinal);

        // A token linked to the role gets its policy.
        var token = await RunAsync("acl", "token", "create", "-role-name", "ops", "-token", root);
        Assert.Matches(@"Roles:\n   [0-9a-f-]{36} - ops\n", token.Out);
        var generated = await RunAsync(
            "peering",
            "generate-token",
            "-name",
            "cluster-02",
            "-token",
            Field().Match(token.Out).Groups[1].Value);
        Assert.True(generated.ExitCode == 0, generated.ToString());

        var replaced = await RunAsync(
            "acl",
            "role",
            "update",
            "-id",
            id,
            "-name",
            "ops",
            "-node-identity",
            "node-2:dc1",
            "-no-merge",
            "-token",
            root);
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.Equal(
            $"ID:           {id}\nName:         ops\nDescription:  \nNode Identities:\n   node-2 (Datacenter: dc1)\n\n",
            replaced.Out);

        var deleted = await RunAsync("acl", "role", "delete", "-name", "ops", "-token", root);
        Assert.Equal($"Role \"{id}\" deleted successfully\n", deleted.Out);
        var gone = await RunAsync("acl", "role", "read", "-name", "ops", "-token", root);
        Assert.Equal((1, "Error determining role ID: Unexpected response code: 403 (ACL not found)\n"), (gone.ExitCode, gone.Error));
        var missing = await RunAsync("acl", "role", "delete", "-token", root);
        Assert.Equal((1, "Must specify the -id or -name parameters\n"), (missing.ExitCode, missing.Error));
    }

    private Task<ParleyCli.Run> RunAsync(params string[] arguments) => ParleyCli.RunAsync(_agent.Address, Ct, arguments);

    private Task<ParleyCli.Run> RunWithAsync(Dictionary<string, string> environment, params string[] arguments) =>
        ParleyCli.RunAsync(_agent.Address, environment, Ct, arguments);

    [GeneratedRegex("SecretID:         (\\S+)")]
    private static partial Regex Field();
}
