using Parley.Agent;

namespace Parley.Cli.Tests.Commands;

public sealed class AgentCommandTests
{
    [Fact]
    public async Task Agent_DevWithPorts_ParsesEveryFlag()
    {
        AgentFlags? seen = null;

        var result = await CliRunner.RunAsync(
            [
                "agent", "-dev", "-datacenter", "dc2", "-node=server-dc2", "-http-port", "28500", "-grpc-port=28502",
                "-grpc-tls-port", "28503", "-server-port", "28300", "-dns-port", "-1", "-https-port", "28501",
                "-bind", "127.0.0.1", "-client=0.0.0.0", "-log-level", "debug", "-data-dir", "/tmp/d",
                "-retry-join", "a:8300", "-retry-join=b:8300", "-config-file", "x.hcl", "-config-dir", "conf.d",
            ],
            runAgent: (flags, _) =>
            {
                seen = flags;
                return Task.FromResult(0);
            });

        Assert.Equal(0, result.ExitCode);
        Assert.NotNull(seen);
        Assert.True(seen.Dev);
        Assert.Null(seen.Server);
        Assert.Null(seen.Bootstrap);
        Assert.Null(seen.BootstrapExpect);
        Assert.Equal("dc2", seen.Datacenter);
        Assert.Equal("server-dc2", seen.NodeName);
        Assert.Equal(28500, seen.HttpPort);
        Assert.Equal(28501, seen.HttpsPort);
        Assert.Equal(28502, seen.GrpcPort);
        Assert.Equal(28503, seen.GrpcTlsPort);
        Assert.Equal(28300, seen.ServerPort);
        Assert.Equal(-1, seen.DnsPort);
        Assert.Equal("127.0.0.1", seen.BindAddr);
        Assert.Equal("0.0.0.0", seen.ClientAddr);
        Assert.Equal("debug", seen.LogLevel);
        Assert.Equal("/tmp/d", seen.DataDir);
        Assert.Equal(["a:8300", "b:8300"], seen.RetryJoin);
        Assert.Equal(["x.hcl"], seen.ConfigFiles);
        Assert.Equal(["conf.d"], seen.ConfigDirs);
    }

    [Fact]
    public async Task Agent_ServerFlags_AreSetOnlyWhenGiven()
    {
        AgentFlags? seen = null;

        var result = await CliRunner.RunAsync(
            ["agent", "-server", "-bootstrap-expect=3", "-bootstrap=false"],
            runAgent: (flags, _) =>
            {
                seen = flags;
                return Task.FromResult(7);
            });

        Assert.Equal(7, result.ExitCode);
        Assert.False(seen!.Dev);
        Assert.True(seen.Server);
        Assert.False(seen.Bootstrap);
        Assert.Equal(3, seen.BootstrapExpect);
        Assert.Null(seen.HttpPort);
        Assert.Empty(seen.RetryJoin);
    }

    [Fact]
    public async Task Agent_BadPort_FailsBeforeStarting()
    {
        var result = await CliRunner.RunAsync(["agent", "-http-port", "eighty"]);

        Assert.Equal(1, result.ExitCode);
        Assert.NotEmpty(result.Error);
    }
}
