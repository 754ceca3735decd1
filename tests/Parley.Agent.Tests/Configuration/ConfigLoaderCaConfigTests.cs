using Parley.Agent.Configuration;

namespace Parley.Agent.Tests.Configuration;

/// <summary>
/// <c>connect { ca_config { ... } }</c>: Consul's snake_case keys of the built-in provider, translated to the API's
/// CamelCase names, merged across files, and validated with Consul's texts before the agent starts.
/// </summary>
public sealed class ConfigLoaderCaConfigTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_CaConfigKeys_TranslatedAndMergedAcrossFiles()
    {
        var first = _dir.Write("a.hcl", """
            connect {
              ca_config {
                cluster_id       = "11111111-2222-3333-4444-555555555555"
                leaf_cert_ttl    = "24h"
                private_key_type = "rsa"
                private_key_bits = 2048
              }
            }
            """);
        var second = _dir.Write("b.json", """{"connect": {"ca_config": {"root_cert_ttl": "100000h", "leaf_cert_ttl": "12h"}}}""");

        var (config, warnings) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [first, second] });

        Assert.Empty(warnings);
        Assert.Equal("11111111-2222-3333-4444-555555555555", config.ClusterId);
        Assert.Equal(
            """{"LeafCertTTL":"12h","PrivateKeyType":"rsa","PrivateKeyBits":2048,"RootCertTTL":"100000h"}""",
            config.CaConfig.ToJsonString());
    }

    [Fact]
    public void Load_InvalidCaConfig_RefusedWithConsulsText()
    {
        var file = _dir.Write("agent.hcl", "connect {\n  ca_config {\n    leaf_cert_ttl = \"30m\"\n  }\n}\n");

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Equal("connect.ca_config: leaf cert TTL must be greater or equal than 1h0m0s", e.Message);
    }

    [Fact]
    public void Load_OtherProvidersKeys_WarnOnly()
    {
        var file = _dir.Write("agent.json", """{"connect": {"ca_config": {"address": "http://vault:8200"}}}""");

        var (config, warnings) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] });

        Assert.Empty(config.CaConfig);
        Assert.Contains(warnings, w => w.Contains("connect.ca_config.address", StringComparison.Ordinal));
    }
}
