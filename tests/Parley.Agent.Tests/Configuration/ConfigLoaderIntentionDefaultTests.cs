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
    public void Load_AclBlock_ReadsConsulsKeysAndLegacyTokenNames()
    {
        var file = _dir.Write("agent.hcl", """
            acl {
              enabled = true
              down_policy = "extend-cache"
              enable_token_persistence = true
              token_ttl = "30s"
              tokens {
                master = "root-secret"
                agent = "agent-secret"
                default = "default-secret"
                dns = "dns-secret"
                agent_master = "recovery"
              }
            }
            """);

        var (config, warnings) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] });

        Assert.Equal("extend-cache", config.AclDownPolicy);
        Assert.True(config.AclEnableTokenPersistence);
        Assert.Equal(
            new AclTokensConfig
            {
                InitialManagement = "root-secret",
                Agent = "agent-secret",
                Default = "default-secret",
                Dns = "dns-secret",
                AgentRecovery = "recovery",
            },
            config.AclTokens);
        Assert.Contains(warnings, w => w.Contains("acl.token_ttl", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_InitialManagement_IsTheCurrentName()
    {
        var file = _dir.Write("agent.hcl", "acl {\n  tokens {\n    initial_management = \"s\"\n  }\n}\n");

        var (config, _) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] });

        Assert.Equal("s", config.AclTokens.InitialManagement);
    }

    [Theory]
    [InlineData("default_intention_policy = \"maybe\"\n", "default_intention_policy")]
    [InlineData("acl {\n  default_policy = \"permit\"\n}\n", "acl.default_policy")]
    [InlineData("acl {\n  bogus = 1\n}\n", "acl.bogus")]
    [InlineData("acl {\n  down_policy = \"later\"\n}\n", "acl.down_policy")]
    [InlineData("acl {\n  tokens {\n    root = \"x\"\n  }\n}\n", "acl.tokens.root")]
    public void Load_BadPolicyOrKey_RefusedNamingIt(string hcl, string key)
    {
        var file = _dir.Write("agent.hcl", hcl);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
