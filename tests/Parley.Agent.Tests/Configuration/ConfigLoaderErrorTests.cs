using Parley.Agent.Configuration;

namespace Parley.Agent.Tests.Configuration;

/// <summary>What the loader refuses or warns about, and that each message names the key and the file.</summary>
public sealed class ConfigLoaderErrorTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("agent.json", """{"data_dir": "/d", "server": true, "bootstrap": true, "performance": {"raft_multiplier": 1}}""")]
    [InlineData("agent.hcl", "data_dir = \"/d\"\nserver = true\nbootstrap = true\nperformance {\n  raft_multiplier = 1\n}\n")]
    public void Load_KnownButUnusedConsulKey_ExactlyOneWarningNamingKeyAndFile(string name, string text)
    {
        var file = _dir.Write(name, text);

        var (config, warnings) = ConfigLoader.Load(new AgentFlags { ConfigFiles = [file] });

        var warning = Assert.Single(warnings);
        Assert.Contains("\"performance\"", warning);
        Assert.Contains(file, warning);
        Assert.Equal("/d", config.DataDir);
    }

    [Fact]
    public void Load_SeveralUnusedKeys_OneWarningEach()
    {
        var file = _dir.Write("agent.json", """{"performance": {}, "limits": {}, "encrypt": "abc"}""");

        var (_, warnings) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] });

        Assert.Equal(3, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("\"performance\"", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("\"limits\"", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("\"encrypt\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("agent.json", """{"data_dir": "/d", "datacentre": "dc1"}""", "datacentre")]
    [InlineData("agent.hcl", "data_dir = \"/d\"\ndatacentre = \"dc1\"\n", "datacentre")]
    [InlineData("agent.json", """{"ports": {"htttp": 1}}""", "ports.htttp")]
    [InlineData("agent.hcl", "connect {\n  enabeld = true\n}\n", "connect.enabeld")]
    [InlineData("agent.json", """{"peering": {"enable": true}}""", "peering.enable")]
    public void Load_KeyConsulDoesNotKnow_ErrorNamingKeyAndFile(string name, string text, string key)
    {
        var file = _dir.Write(name, text);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains($"\"{key}\"", error.Message);
        Assert.Contains(file, error.Message);
    }

    [Theory]
    [InlineData("broken.json", """{"datacenter": "dc1",""")]
    [InlineData("broken.json", "")]
    [InlineData("array.json", """["datacenter"]""")]
    [InlineData("broken.hcl", "datacenter = \n")]
    [InlineData("broken.hcl", "ports {\n  http = 1\n")]
    public void Load_MalformedFile_ErrorNamesTheFile(string name, string text)
    {
        var file = _dir.Write(name, text);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains(file, error.Message);
    }

    [Theory]
    [InlineData("""{"datacenter": "a", "datacenter": "b"}""", "datacenter")]
    [InlineData("""{"ports": {"http": 1, "http": 2}}""", "http")]
    public void Load_RepeatedJsonKey_ErrorNamesFileNotCrash(string text, string key)
    {
        var file = _dir.Write("agent.json", text);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains(file, error.Message);
        Assert.Contains($"'{key}'", error.Message);
    }

    [Theory]
    [InlineData("http", 70000)]
    [InlineData("http", -1)]
    [InlineData("server", -1)]
    [InlineData("dns", -2)]
    [InlineData("grpc_tls", 65536)]
    public void Load_PortOutOfRange_ErrorNamesThePort(string key, int port)
    {
        var file = _dir.Write(
            "agent.json",
            "{\"ports\": {\"" + key + "\": " + port.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains($"ports.{key}: {port} is not a valid port", error.Message);
    }

    [Fact]
    public void Load_DisabledOptionalPorts_Accepted()
    {
        var (config, _) = ConfigLoader.Load(new AgentFlags { Dev = true, DnsPort = -1, GrpcPort = -1, HttpPort = 0 });

        Assert.Equal(-1, config.Ports.Dns);
        Assert.Equal(0, config.Ports.Http);
    }

    [Theory]
    [InlineData("""{"server": "yes"}""", "server")]
    [InlineData("""{"bootstrap_expect": 1.5}""", "bootstrap_expect")]
    [InlineData("""{"datacenter": 7}""", "datacenter")]
    [InlineData("""{"ports": 8500}""", "ports")]
    [InlineData("""{"node_meta": {"rack": 1}}""", "node_meta.rack")]
    public void Load_WrongValueType_ErrorNamingKeyAndFile(string text, string key)
    {
        var file = _dir.Write("agent.json", text);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains($"\"{key}\"", error.Message);
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void Load_NoDataDirWithoutDev_Error()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Server = true, BootstrapExpect = 1 }));

        Assert.Contains("data_dir", error.Message);
    }

    [Fact]
    public void Load_NoDataDirWithDev_Accepted()
    {
        var (config, _) = ConfigLoader.Load(new AgentFlags { Dev = true });

        Assert.Null(config.DataDir);
    }

    [Theory]
    [InlineData("verbose")]
    [InlineData("")]
    public void Load_BadLogLevel_ErrorNamesTheLevel(string level)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, LogLevel = level }));

        Assert.Contains($"invalid log level \"{level}\"", error.Message);
    }

    [Fact]
    public void Load_BadLogLevelInFile_Error()
    {
        var file = _dir.Write("agent.hcl", "log_level = \"loud\"\n");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains("\"loud\"", error.Message);
    }

    [Fact]
    public void Load_ServerWithoutBootstrapOrJoin_Error()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Server = true, DataDir = "/d" }));

        Assert.Contains("-bootstrap-expect", error.Message);
    }

    [Fact]
    public void Load_SeveralProblems_AllReportedAtOnce()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags
        {
            Server = true,
            BootstrapExpect = 1,
            LogLevel = "loud",
        }));

        Assert.Contains("data_dir", error.Message);
        Assert.Contains("\"loud\"", error.Message);
    }

    [Fact]
    public void Load_InvalidNodeId_Error()
    {
        var file = _dir.Write("agent.json", """{"node_id": "not-a-uuid"}""");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains("not-a-uuid", error.Message);
    }
}
