using Parley.Agent.Configuration;

namespace Parley.Agent.Tests.Configuration;

/// <summary>How several config files, config dirs and flags combine: in order, later wins, flags win over files.</summary>
public sealed class ConfigLoaderMergeTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_SeveralConfigFiles_MergedInOrderLaterWins()
    {
        var first = _dir.Write("first.json", """
            {"datacenter": "a", "node_name": "n1", "data_dir": "/d", "bootstrap_expect": 1, "server": true,
             "ports": {"http": 1111, "dns": 1112}}
            """);
        var second = _dir.Write("second.hcl", """
            datacenter = "b"
            ports {
              dns = 2222
            }
            """);

        var (config, _) = ConfigLoader.Load(new AgentFlags { ConfigFiles = [first, second] });

        Assert.Equal("b", config.Datacenter);
        Assert.Equal("n1", config.NodeName);
        // A ports block in a later file changes only the ports it names, as Consul merges blocks.
        Assert.Equal(1111, config.Ports.Http);
        Assert.Equal(2222, config.Ports.Dns);

        var (reversed, _) = ConfigLoader.Load(new AgentFlags { ConfigFiles = [second, first] });
        Assert.Equal("a", reversed.Datacenter);
        Assert.Equal(1112, reversed.Ports.Dns);
    }

    [Fact]
    public void Load_FlagsAndFiles_FlagsOverrideFiles()
    {
        var file = _dir.Write("agent.json", """
            {"datacenter": "from-file", "node_name": "file-node", "data_dir": "/file", "server": true, "bootstrap_expect": 1,
             "log_level": "debug", "ports": {"http": 1111, "server": 1300, "grpc_tls": 1503}, "retry_join": ["10.0.0.1"]}
            """);
        var flags = new AgentFlags
        {
            ConfigFiles = [file],
            Datacenter = "from-flag",
            DataDir = "/flag",
            HttpPort = 2222,
            ServerPort = 2300,
            LogLevel = "warn",
            RetryJoin = ["10.0.0.2"],
        };

        var (config, _) = ConfigLoader.Load(flags);

        Assert.Equal("from-flag", config.Datacenter);
        Assert.Equal("/flag", config.DataDir);
        Assert.Equal(2222, config.Ports.Http);
        Assert.Equal(2300, config.Ports.Server);
        Assert.Equal("warn", config.LogLevel);
        Assert.Equal(["10.0.0.2"], config.RetryJoin);
        // What no flag names keeps the file's value.
        Assert.Equal("file-node", config.NodeName);
        Assert.Equal(1503, config.Ports.GrpcTls);
        Assert.Equal(1, config.BootstrapExpect);
    }

    [Fact]
    public void Load_ServerFalseFlag_OverridesServerTrueInFile()
    {
        var file = _dir.Write("agent.json", """{"data_dir": "/d", "server": true, "bootstrap_expect": 1}""");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { ConfigFiles = [file], Server = false }));

        Assert.Contains("client agents are not supported", error.Message);
    }

    [Fact]
    public void Load_ConfigDir_ReadsJsonAndHclFilesInNameOrder()
    {
        var dir = Path.Combine(_dir.Path, "conf.d");
        _dir.Write("conf.d/20-late.json", """{"node_name": "late", "log_level": "error"}""");
        _dir.Write("conf.d/10-middle.hcl", """
            datacenter = "middle"
            log_level  = "warn"
            """);
        _dir.Write("conf.d/01-early.json", """
            {"datacenter": "early", "node_name": "early", "data_dir": "/d", "server": true, "bootstrap_expect": 1, "log_level": "debug"}
            """);
        // Neither .json nor .hcl: never read, or it would be a parse error.
        _dir.Write("conf.d/README.md", "not { a config");
        _dir.Write("conf.d/30-backup.json.bak", "{ broken");

        var (config, warnings) = ConfigLoader.Load(new AgentFlags { ConfigDirs = [dir] });

        Assert.Empty(warnings);
        Assert.Equal("middle", config.Datacenter);
        Assert.Equal("late", config.NodeName);
        Assert.Equal("error", config.LogLevel);
        Assert.Equal("/d", config.DataDir);
    }

    [Fact]
    public void Load_ConfigFileAndConfigDir_DirFilesApplyAfterTheFile()
    {
        var file = _dir.Write(
            "base.json",
            """{"datacenter": "base", "node_name": "base", "data_dir": "/d", "bootstrap": true, "server": true}""");
        _dir.Write("extra/override.json", """{"datacenter": "dir"}""");

        var (config, _) = ConfigLoader.Load(new AgentFlags { ConfigFiles = [file], ConfigDirs = [Path.Combine(_dir.Path, "extra")] });

        Assert.Equal("dir", config.Datacenter);
        Assert.Equal("base", config.NodeName);
    }

    [Fact]
    public void Load_MissingConfigDir_ErrorNamesTheDir()
    {
        var missing = Path.Combine(_dir.Path, "nope");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigDirs = [missing] }));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Load_MissingConfigFile_ErrorNamesTheFile()
    {
        var missing = Path.Combine(_dir.Path, "nope.json");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [missing] }));

        Assert.Contains(missing, error.Message);
    }
}
