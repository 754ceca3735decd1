namespace Parley.Consensus.Tests;

public sealed class RaftOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_RequireOnlyTheDataDir()
    {
        var result = new RaftOptionsValidator().Validate(null, new RaftOptions());

        Assert.True(result.Failed);
        Assert.Equal(["Raft:DataDir is required."], result.Failures);
    }

    [Fact]
    public void Validate_SeveralBadSettings_ReportsEveryProblem()
    {
        var options = new RaftOptions
        {
            DataDir = "/tmp/x",
            ServerEndpoint = "0.0.0.0:8300",
            RetryJoin = ["not an address"],
            Bootstrap = true,
            BootstrapExpect = 3,
            LowerElectionTimeout = TimeSpan.FromMilliseconds(300),
            UpperElectionTimeout = TimeSpan.FromMilliseconds(300),
            SnapshotThreshold = 0,
        };

        var failures = new RaftOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(5, failures.Count);
        Assert.Contains(failures, f => f.Contains("AdvertiseEndpoint", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("RetryJoin", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("BootstrapExpect", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("UpperElectionTimeout", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("SnapshotThreshold", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1:8300")]
    [InlineData("[::1]:8300")]
    [InlineData("localhost:8300")]
    [InlineData("server-1.dc1.example:8300")]
    public void Validate_ServerEndpointForms_AreAccepted(string endpoint)
    {
        var result = new RaftOptionsValidator().Validate(null, new RaftOptions { DataDir = "/tmp/x", ServerEndpoint = endpoint });

        Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
    }

    [Theory]
    [InlineData("8300")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("host:99999")]
    public void Validate_ServerEndpointWithoutUsablePort_IsRejected(string endpoint)
    {
        var result = new RaftOptionsValidator().Validate(null, new RaftOptions { DataDir = "/tmp/x", ServerEndpoint = endpoint });

        Assert.True(result.Failed);
    }

    [Fact]
    public void Validate_BootstrapExpectAboveOneWithoutRetryJoin_IsRejected()
    {
        var result = new RaftOptionsValidator().Validate(null, new RaftOptions { DataDir = "/tmp/x", BootstrapExpect = 3 });

        Assert.Equal(["Raft:BootstrapExpect above 1 needs Raft:RetryJoin to find the other servers."], result.Failures);
    }

    [Fact]
    public void Validate_NonPositiveWriteTimeoutAndRetryInterval_AreRejected()
    {
        var options = new RaftOptions { DataDir = "/tmp/x", WriteTimeout = TimeSpan.Zero, RetryJoinInterval = TimeSpan.Zero };

        var failures = new RaftOptionsValidator().Validate(null, options).Failures!;

        Assert.Equal(2, failures.Count());
    }
}
