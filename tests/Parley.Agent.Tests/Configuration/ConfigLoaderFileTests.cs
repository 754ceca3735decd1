using Parley.Agent.Configuration;

namespace Parley.Agent.Tests.Configuration;

/// <summary>Config files in Consul's agent keys, as JSON and as HCL, decoded into <see cref="AgentConfig"/>.</summary>
public sealed class ConfigLoaderFileTests : IDisposable
{
    private const string JsonConfig = """
        {
          // Consul accepts comments in JSON config files.
          "datacenter": "east",
          "node_name": "server-1",
          "node_id": "5e1f2d4c-8b1a-4f7e-9c3d-2a6b8e0f1d7c",
          "data_dir": "/var/lib/parley",
          "server": true,
          "bootstrap_expect": 3,
          "bind_addr": "10.0.0.5",
          "client_addr": "0.0.0.0",
          "log_level": "debug",
          "ports": { "http": 18500, "grpc": 18502, "grpc_tls": 18503, "server": 18300, "dns": -1, "serf_lan": 18301 },
          "connect": { "enabled": false, "ca_config": { "cluster_id": "11111111-2222-3333-4444-555555555555" } },
          "peering": { "enabled": false },
          "node_meta": { "rack": "r1", "zone": "a" },
          "retry_join": ["10.0.0.6", "10.0.0.7"]
        }
        """;

    private const string HclConfig = """
        # The same settings as JsonConfig, written the way Consul's docs write them.
        datacenter = "east"
        node_name  = "server-1"
        node_id    = "5e1f2d4c-8b1a-4f7e-9c3d-2a6b8e0f1d7c"
        data_dir   = "/var/lib/parley"
        server           = true
        bootstrap_expect = 3
        bind_addr   = "10.0.0.5"
        client_addr = "0.0.0.0"
        log_level   = "debug"

        ports {
          http     = 18500
          grpc     = 18502
          grpc_tls = 18503
          server   = 18300
          dns      = -1
          serf_lan = 18301
        }

        connect {
          enabled = false
          ca_config {
            cluster_id = "11111111-2222-3333-4444-555555555555"
          }
        }

        peering {
          enabled = false
        }

        node_meta {
          rack = "r1"
          zone = "a"
        }

        retry_join = ["10.0.0.6", "10.0.0.7"]
        """;

    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_JsonFileWithConsulKeys_AppliesEveryKey()
    {
        var file = _dir.Write("agent.json", JsonConfig);

        var (config, warnings) = ConfigLoader.Load(new AgentFlags { ConfigFiles = [file] });

        Assert.Empty(warnings);
        AssertSample(config);
    }

    [Fact]
    public void Load_HclFileWithConsulKeys_AppliesEveryKey()
    {
        var file = _dir.Write("agent.hcl", HclConfig);

        var (config, warnings) = ConfigLoader.Load(new AgentFlags { ConfigFiles = [file] });

        Assert.Empty(warnings);
        AssertSample(config);
    }

    [Fact]
    public void Load_NoFilesNoFlags_ConsulDefaultPortsAndDatacenter()
    {
        var (config, _) = ConfigLoader.Load(new AgentFlags { Dev = true });

        Assert.Equal("dc1", config.Datacenter);
        Assert.Equal(
            new AgentPorts
            {
                Http = 8500,
                Https = -1,
                Grpc = 8502,
                GrpcTls = 8503,
                Server = 8300,
                SerfLan = 8301,
                SerfWan = 8302,
                Dns = 8600,
            },
            config.Ports);
        Assert.True(config.Dev);
        Assert.True(config.Server);
        Assert.True(config.Bootstrap);
        Assert.True(config.ConnectEnabled);
        Assert.True(config.PeeringEnabled);
        Assert.Equal("info", config.LogLevel);
    }

    [Fact]
    public void Load_BooleanAndNumberAsStrings_AcceptedAsConsulDoes()
    {
        var file = _dir.Write("agent.json", """{"server": "true", "bootstrap_expect": "1", "data_dir": "/d", "ports": {"http": "9500"}}""");

        var (config, _) = ConfigLoader.Load(new AgentFlags { ConfigFiles = [file] });

        Assert.True(config.Server);
        Assert.Equal(1, config.BootstrapExpect);
        Assert.Equal(9500, config.Ports.Http);
    }

    [Fact]
    public void Load_ConsulsInternalKeysAsItsTestToolingWritesThem_AcceptedWithOneWarningEach()
    {
        // Consul's sdk/testutil and packaged configs write keys users never set (version, revision, ae_interval...).
        var file = _dir.Write("agent.json", """
            {"data_dir": "/d", "server": true, "bootstrap_expect": 1, "version": "1.17.0", "revision": "abc", "ae_interval": "1m",
             "disable_coordinates": true,
             "consul": {"raft": {"election_timeout": "100ms"}}, "gossip_lan": {"probe_interval": "1s"}}
            """);

        var (config, warnings) = ConfigLoader.Load(new AgentFlags { ConfigFiles = [file] });

        Assert.Equal("/d", config.DataDir);
        foreach (var key in new[] { "version", "revision", "ae_interval", "disable_coordinates", "consul", "gossip_lan" })
        {
            Assert.Single(warnings, w => w.Contains($"config key \"{key}\" is accepted but not used", StringComparison.Ordinal));
        }

        var unknown = _dir.Write("typo.json", """{"data_dir": "/d", "server": true, "bootstrap_expect": 1, "verison": "1"}""");
        Assert.Contains("invalid config key \"verison\"",
            Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { ConfigFiles = [unknown] })).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AddressesBlock_SetsClientAddress()
    {
        var file = _dir.Write("agent.hcl", """
            data_dir  = "/d"
            bootstrap = true
            server    = true
            addresses {
              http = "127.0.0.2"
            }
            """);

        var (config, _) = ConfigLoader.Load(new AgentFlags { ConfigFiles = [file] });

        Assert.Equal("127.0.0.2", config.ClientAddr);
        Assert.True(config.Bootstrap);
    }

    private static void AssertSample(AgentConfig config)
    {
        Assert.Equal("east", config.Datacenter);
        Assert.Equal("server-1", config.NodeName);
        Assert.Equal("5e1f2d4c-8b1a-4f7e-9c3d-2a6b8e0f1d7c", config.NodeId);
        Assert.Equal("/var/lib/parley", config.DataDir);
        Assert.True(config.Server);
        Assert.Equal(3, config.BootstrapExpect);
        Assert.Equal("10.0.0.5", config.BindAddr);
        Assert.Equal("0.0.0.0", config.ClientAddr);
        Assert.Equal("10.0.0.5", config.EffectiveAdvertiseAddr);
        Assert.Equal("debug", config.LogLevel);
        Assert.Equal(18500, config.Ports.Http);
        Assert.Equal(18502, config.Ports.Grpc);
        Assert.Equal(18503, config.Ports.GrpcTls);
        Assert.Equal(18300, config.Ports.Server);
        Assert.Equal(-1, config.Ports.Dns);
        Assert.Equal(18301, config.Ports.SerfLan);
        Assert.Equal(8302, config.Ports.SerfWan); // not in the file: the default stays
        Assert.False(config.ConnectEnabled);
        Assert.Equal("11111111-2222-3333-4444-555555555555", config.ClusterId);
        Assert.False(config.PeeringEnabled);
        Assert.Equal(new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "a" }, config.NodeMeta);
        Assert.Equal(["10.0.0.6", "10.0.0.7"], config.RetryJoin);
    }
}
