using Parley.Agent.Configuration;

namespace Parley.Agent.Tests.Configuration;

/// <summary>
/// What decides a call no intention matches: <c>default_intention_policy</c>, else <c>acl { default_policy }</c> when ACLs
/// are enabled, else allow (Consul's rule); the other ACL keys are accepted with a warning until ACLs exist.
/// </summary>
public sealed class ConfigLoaderIntentionDefaultTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("", false, "allow")]
    [InlineData("acl {\n  default_policy = \"deny\"\n}\n", false, "allow")]
    [InlineData("acl {\n  enabled = true\n  default_policy = \"deny\"\n}\n", true, "deny")]
    [InlineData("acl {\n  enabled = true\n}\n", true, "allow")]
    [InlineData("default_intention_policy = \"deny\"\n", false, "deny")]
    [InlineData("default_intention_policy = \"allow\"\nacl {\n  enabled = true\n  default_policy = \"deny\"\n}\n", true, "allow")]
    public void Load_AclAndIntentionKeys_DecideTheIntentionDefault(string hcl, bool aclsEnabled, string expected)
    {
        var file = _dir.Write("agent.hcl", hcl);

        var (config, _) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] });

        Assert.Equal(aclsEnabled, config.AclsEnabled);
        var allows = Core.Intentions.IntentionDefaults.Allows(config.DefaultIntentionPolicy, config.AclsEnabled, config.AclDefaultPolicy);
        Assert.Equal(expected == "allow", allows);
    }

    [Fact]
    public void Load_OtherAclKeys_AcceptedWithAWarningEach()
    {
        var file = _dir.Write("agent.hcl", "acl {\n  enabled = true\n  down_policy = \"extend-cache\"\n  tokens {\n    agent = \"x\"\n  }\n}\n");

        var (_, warnings) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] });

        Assert.Contains(warnings, w => w.Contains("acl.down_policy", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("acl.tokens", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("default_intention_policy = \"maybe\"\n", "default_intention_policy")]
    [InlineData("acl {\n  default_policy = \"permit\"\n}\n", "acl.default_policy")]
    [InlineData("acl {\n  bogus = 1\n}\n", "acl.bogus")]
    public void Load_BadPolicyOrKey_RefusedNamingIt(string hcl, string key)
    {
        var file = _dir.Write("agent.hcl", hcl);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
