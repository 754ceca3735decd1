using Parley.Agent.Configuration;

namespace Parley.Agent.Tests.Configuration;

/// <summary>
/// The Parley additions to the <c>peering</c> block: <c>heartbeat_interval</c>, <c>heartbeat_timeout</c>,
/// <c>token_ttl</c> and <c>deletion_batch_size</c> (Consul fixes these values), their defaults and their validation.
/// </summary>
public sealed class ConfigLoaderPeeringTests : IDisposable
{
    private readonly ConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("agent.json",
        """{"peering": {"enabled": true, "heartbeat_interval": "500ms", "heartbeat_timeout": "1m30s", "deletion_batch_size": 4,""" +
        """ "token_ttl": "1h"}}""")]
    [InlineData("agent.hcl",
        "peering {\n  enabled = true\n  heartbeat_interval = \"500ms\"\n  heartbeat_timeout = \"1m30s\"\n  deletion_batch_size = 4\n  " +
        "token_ttl = \"1h\"\n}\n")]
    public void Load_PeeringTuningKeys_Applied(string name, string text)
    {
        var file = _dir.Write(name, text);

        var (config, warnings) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] });

        Assert.Empty(warnings);
        Assert.True(config.PeeringEnabled);
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.PeeringHeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(90), config.PeeringHeartbeatTimeout);
        Assert.Equal(4, config.PeeringDeletionBatchSize);
        Assert.Equal(TimeSpan.FromHours(1), config.PeeringTokenTtl);
    }

    [Fact]
    public void Load_PeeringBlockWithoutTuningKeys_ConsulDefaults()
    {
        var file = _dir.Write("agent.hcl", "peering {\n  enabled = false\n}\n");

        var (config, _) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] });

        Assert.False(config.PeeringEnabled);
        Assert.Equal(TimeSpan.FromSeconds(15), config.PeeringHeartbeatInterval);
        Assert.Equal(TimeSpan.FromMinutes(2), config.PeeringHeartbeatTimeout);
        Assert.Equal(256, config.PeeringDeletionBatchSize);
        Assert.Null(config.PeeringTokenTtl);
    }

    [Fact]
    public void Load_PeeringKeysInTwoFiles_MergeKeyByKey()
    {
        var first = _dir.Write("a.json", """{"peering": {"heartbeat_interval": "2s", "deletion_batch_size": 8}}""");
        var second = _dir.Write("b.hcl", "peering {\n  heartbeat_timeout = \"10s\"\n}\n");

        var (config, _) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [first, second] });

        Assert.Equal(TimeSpan.FromSeconds(2), config.PeeringHeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), config.PeeringHeartbeatTimeout);
        Assert.Equal(8, config.PeeringDeletionBatchSize);
    }

    [Theory]
    [InlineData("""{"peering": {"heartbeat_interval": "fast"}}""", "peering.heartbeat_interval", "time: invalid duration \"fast\"")]
    [InlineData("""{"peering": {"heartbeat_timeout": "10"}}""", "peering.heartbeat_timeout", "time: missing unit in duration \"10\"")]
    [InlineData("""{"peering": {"heartbeat_interval": 15}}""", "peering.heartbeat_interval", "must be a duration string")]
    [InlineData("""{"peering": {"heartbeat_interval": "0s"}}""", "peering.heartbeat_interval", "must be greater than zero")]
    [InlineData("""{"peering": {"heartbeat_timeout": "-1m"}}""", "peering.heartbeat_timeout", "must be greater than zero")]
    [InlineData("""{"peering": {"deletion_batch_size": 0}}""", "peering.deletion_batch_size", "must be greater than zero")]
    [InlineData("""{"peering": {"deletion_batch_size": -5}}""", "peering.deletion_batch_size", "must be greater than zero")]
    [InlineData("""{"peering": {"deletion_batch_size": "many"}}""", "peering.deletion_batch_size", "must be a whole number")]
    public void Load_BadPeeringTuningValue_ErrorNamingKeyAndFile(string text, string key, string reason)
    {
        var file = _dir.Write("agent.json", text);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Contains(file, error.Message);
        Assert.Contains($"\"{key}\"", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Load_TimeoutNotAboveIntervalInOneFile_ErrorNamesBothKeysAndTheFile()
    {
        var file = _dir.Write("agent.hcl", "peering {\n  heartbeat_interval = \"5s\"\n  heartbeat_timeout = \"5s\"\n}\n");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Equal(
            $"peering.heartbeat_timeout (5s, set in {file}) must be greater than peering.heartbeat_interval (5s, set in {file})",
            error.Message);
    }

    [Fact]
    public void Load_TimeoutBelowDefaultInterval_ErrorSaysTheIntervalIsTheDefault()
    {
        var file = _dir.Write("agent.json", """{"peering": {"heartbeat_timeout": "10s"}}""");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

        Assert.Equal(
            $"peering.heartbeat_timeout (10s, set in {file}) must be greater than peering.heartbeat_interval (15s, the default)",
            error.Message);
    }

    [Fact]
    public void Load_LaterFileMakesTimeoutValid_Accepted()
    {
        var first = _dir.Write("a.json", """{"peering": {"heartbeat_timeout": "10s"}}""");
        var second = _dir.Write("b.json", """{"peering": {"heartbeat_interval": "1s"}}""");

        var (config, _) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [first, second] });

        Assert.Equal(TimeSpan.FromSeconds(1), config.PeeringHeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), config.PeeringHeartbeatTimeout);
    }
}
