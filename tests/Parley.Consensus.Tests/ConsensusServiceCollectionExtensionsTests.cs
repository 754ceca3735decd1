using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.State;
using Parley.State.Commands;

namespace Parley.Consensus.Tests;

public sealed class ConsensusServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddParleyConsensus_InAHost_StartsTheLogWithTheHostAndServesWrites()
    {
        await using var scratch = RaftTestServer.Create();
        var builder = Host.CreateApplicationBuilder();
        var machine = new ListStateMachine();
        builder.Services.AddSingleton<IReplicatedStateMachine>(machine);
        builder.Services.AddParleyConsensus(o =>
        {
            o.DataDir = Path.Combine(scratch.DataDir, "host");
            o.ServerEndpoint = scratch.Address;
            o.Bootstrap = true;
        });
        using var host = builder.Build();
        var ct = TestContext.Current.CancellationToken;

        await host.StartAsync(ct);
        try
        {
            var replicator = host.Services.GetRequiredService<RaftReplicator>();
            Assert.Same(replicator, host.Services.GetRequiredService<IReplicator>());
            await replicator.WaitForLeaderAsync(ct).WaitAsync(RaftTestServer.Timeout, ct);

            var result = await host.Services.GetRequiredService<IReplicator>().ApplyAsync(new DeregisterCatalog("n1", null, null), ct);

            Assert.Equal(1, result.Value);
            Assert.Equal(result.Index, machine.LastAppliedIndex);
        }
        finally
        {
            await host.StopAsync(ct);
        }

        Assert.False(host.Services.GetRequiredService<RaftReplicator>().Status.IsLeader);
    }

    [Fact]
    public void AddParleyConsensus_InvalidOptions_FailValidationWithEveryProblem()
    {
        var services = new ServiceCollection();
        services.AddParleyConsensus(o => o.SnapshotThreshold = 0);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<RaftOptions>>().Value);

        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public void StopHostFatalErrorHandler_OnFatalError_StopsTheHostWithExitCodeOne()
    {
        var lifetime = new FakeLifetime();
        var previous = Environment.ExitCode;
        try
        {
            new StopHostFatalErrorHandler(lifetime).OnFatalError(new CorruptCommandException("x"));

            Assert.True(lifetime.StopRequested);
            Assert.Equal(1, Environment.ExitCode);
        }
        finally
        {
            Environment.ExitCode = previous;
        }
    }

    private sealed class FakeLifetime : IHostApplicationLifetime
    {
        public bool StopRequested { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => StopRequested = true;
    }
}
