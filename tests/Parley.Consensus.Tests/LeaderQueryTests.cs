using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Parley.Core;
using Parley.State;
using Parley.Testing;

namespace Parley.Consensus.Tests;

/// <summary>
/// <see cref="RaftReplicator.QueryLeaderAsync"/>: a question only the leader can answer, asked on any server, is answered by
/// the leader's handler (here, or over the server port).
/// </summary>
public sealed class LeaderQueryTests
{
    private const string WhoAnswers = "test/who-answers";
    private const string Refuses = "test/refuses";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueryLeaderAsync_OnFollower_IsAnsweredByTheLeadersHandler()
    {
        await using var cluster = await StartClusterAsync();
        var leader = await cluster.LeaderAsync();

        foreach (var server in cluster.Servers)
        {
            var answer = await server.Replicator.QueryLeaderAsync(WhoAnswers, Encoding.UTF8.GetBytes("from " + server.Address), Ct);

            Assert.Equal($"{leader.Address} answers from {server.Address}", Encoding.UTF8.GetString(answer));
        }

        Assert.All(cluster.Servers, s => Assert.Equal(s == leader ? 3 : 0, Handler(s).Calls));
    }

    [Fact]
    public async Task QueryLeaderAsync_HandlerRefusesOnLeader_FollowerGetsTheSameError()
    {
        await using var cluster = await StartClusterAsync();
        var leader = await cluster.LeaderAsync();
        var follower = cluster.Servers.First(s => s != leader);

        var e = await Assert.ThrowsAsync<ParleyException>(() => follower.Replicator.QueryLeaderAsync(Refuses, default, Ct).AsTask());

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Equal($"refused by {leader.Address}", e.Message);
    }

    [Fact]
    public async Task QueryLeaderAsync_UnknownName_FailsAtOnceNamingTheRegisteredOnes()
    {
        await using var cluster = await StartClusterAsync();
        var follower = cluster.Servers.First(s => !s.Replicator.Status.IsLeader);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(
            () => follower.Replicator.QueryLeaderAsync("test/nope", default, Ct).AsTask());

        Assert.Contains("\"test/nope\"", e.Message, StringComparison.Ordinal);
        Assert.Contains(WhoAnswers, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryLeaderAsync_QuorumLost_WaitsTheWriteTimeoutThenFailsWithNoLeader()
    {
        await using var cluster = await StartClusterAsync(o => o.WriteTimeout = TimeSpan.FromSeconds(1.5));
        var survivor = cluster.Servers[0];
        await cluster.Servers[1].Replicator.StopAsync(Ct);
        await cluster.Servers[2].Replicator.StopAsync(Ct);
        await Eventually.TrueAsync(
            () => !survivor.Replicator.Status.KnownLeader, RaftTestServer.Timeout, "the survivor knows no leader", Ct);

        var started = TimeProvider.System.GetTimestamp();
        var e = await Assert.ThrowsAsync<NoLeaderException>(
            () => survivor.Replicator.QueryLeaderAsync(WhoAnswers, default, Ct).AsTask().WaitAsync(RaftTestServer.Timeout, Ct));
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        Assert.Equal("No cluster leader", e.Message);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AddParleyConsensus_LeaderQueryRegisteredInDi_IsAnsweredThroughIReplicator()
    {
        await using var scratch = RaftTestServer.Create();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IReplicatedStateMachine>(new ListStateMachine());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILeaderQuery>(new WhoAnswersQuery("the host")));
        builder.Services.AddParleyConsensus(o =>
        {
            o.DataDir = Path.Combine(scratch.DataDir, "host");
            o.ServerEndpoint = scratch.Address;
            o.Bootstrap = true;
        });
        using var host = builder.Build();
        await host.StartAsync(Ct);
        try
        {
            var replicator = host.Services.GetRequiredService<IReplicator>();
            await host.Services.GetRequiredService<RaftReplicator>().WaitForLeaderAsync(Ct).WaitAsync(RaftTestServer.Timeout, Ct);

            var answer = await replicator.QueryLeaderAsync(WhoAnswers, "hi"u8.ToArray(), Ct);

            Assert.Equal("the host answers hi", Encoding.UTF8.GetString(answer));
        }
        finally
        {
            await host.StopAsync(Ct);
        }
    }

    private static WhoAnswersQuery Handler(RaftTestServer server)
        => (WhoAnswersQuery)server.LeaderQueries.Single(q => q.Name == WhoAnswers);

    private static async Task<RaftTestCluster> StartClusterAsync(Action<RaftOptions>? configure = null)
    {
        var cluster = RaftTestCluster.Create(3);
        foreach (var server in cluster.Servers)
        {
            server.LeaderQueries.Add(new WhoAnswersQuery(server.Address));
            server.LeaderQueries.Add(new RefusingQuery(server.Address));
            if (configure is not null)
            {
                server.Configure += configure;
            }

            server.Rebuild();
        }

        try
        {
            await cluster.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private sealed class WhoAnswersQuery(string address) : ILeaderQuery
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => WhoAnswers;

        public ValueTask<byte[]> AnswerAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return ValueTask.FromResult(Encoding.UTF8.GetBytes($"{address} answers {Encoding.UTF8.GetString(request.Span)}"));
        }
    }

    private sealed class RefusingQuery(string address) : ILeaderQuery
    {
        public string Name => Refuses;

        public ValueTask<byte[]> AnswerAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken) =>
            throw new ParleyException(ErrorCode.InvalidArgument, $"refused by {address}");
    }
}
