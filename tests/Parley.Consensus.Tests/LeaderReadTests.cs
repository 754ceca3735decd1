using System.Diagnostics;
using Parley.State;
using Parley.State.Commands;
using Parley.Testing;

namespace Parley.Consensus.Tests;

/// <summary><see cref="RaftReplicator.LeaderReadAsync"/>: the default consistency mode of reads.</summary>
public sealed class LeaderReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DeregisterCatalog Deregister(string node) => new(node, null, null);

    [Fact]
    public async Task LeaderReadAsync_OnFollowerRightAfterALeaderWrite_TheWriteIsAppliedOnTheFollower()
    {
        await using var cluster = CalmCluster();
        await cluster.StartAsync();
        var leader = await cluster.LeaderAsync();
        var follower = cluster.Servers.First(s => s != leader);

        var lagging = 0;
        for (var i = 0; i < 50; i++)
        {
            var write = await leader.Replicator.ApplyAsync(Deregister($"n{i}"), Ct);
            lagging += follower.Machine.LastAppliedIndex < write.Index ? 1 : 0;

            await follower.Replicator.LeaderReadAsync(Ct);

            Assert.True(follower.Machine.LastAppliedIndex >= write.Index,
                $"write {i} at {write.Index}, follower applied {follower.Machine.LastAppliedIndex}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"the follower had not yet applied {lagging} of 50 writes when the leader acknowledged them");
    }

    [Fact]
    public async Task LeaderReadAsync_OnLeader_CompletesSynchronously()
    {
        await using var cluster = CalmCluster();
        await cluster.StartAsync();
        await cluster.LeaderAsync();
        var leader = cluster.Servers.First(s => s.Replicator.Status.IsLeader);

        var read = leader.Replicator.LeaderReadAsync(Ct);

        // No round trip and no heartbeat round: the leader answers from its own state, as Consul's default mode does.
        Assert.True(read.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task LeaderReadAsync_QuorumLost_WaitsThenThrowsNoLeader_AndSucceedsOnceALeaderIsElected()
    {
        await using var cluster = RaftTestCluster.Create(3);
        foreach (var server in cluster.Servers)
        {
            server.Configure += o => o.WriteTimeout = TimeSpan.FromSeconds(1.5);
            server.Rebuild();
        }

        await cluster.StartAsync();
        var leader = await cluster.LeaderAsync();
        var survivor = cluster.Servers.First(s => s != leader);
        var other = cluster.Servers.First(s => s != leader && s != survivor);
        await leader.Replicator.StopAsync(Ct);
        await other.Replicator.StopAsync(Ct);

        // (Under load an election may have made the survivor leader just before; alone, it steps down.)
        await Eventually.TrueAsync(() => !survivor.Replicator.Status.IsLeader, RaftTestServer.Timeout, "the survivor steps down", Ct);
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<NoLeaderException>(
            () => survivor.Replicator.LeaderReadAsync(Ct).AsTask().WaitAsync(RaftTestServer.Timeout, Ct));
        var waited = clock.Elapsed;

        // Quorum comes back: a read issued before the election waits for it instead of failing.
        await other.RestartAsync(waitForLeader: false);
        clock.Restart();
        await survivor.Replicator.LeaderReadAsync(Ct).AsTask().WaitAsync(RaftTestServer.Timeout, Ct);

        Assert.True(waited >= TimeSpan.FromSeconds(1), $"gave up after {waited}, before the write timeout");
        Assert.True(survivor.Replicator.Status.KnownLeader);
    }

    // Elections are rare with a longer election timeout, even on a loaded machine (heartbeats every 500 ms, so followers
    // lag the leader longer too).
    private static RaftTestCluster CalmCluster()
    {
        var cluster = RaftTestCluster.Create(3);
        foreach (var server in cluster.Servers)
        {
            server.Configure += o =>
            {
                o.LowerElectionTimeout = TimeSpan.FromMilliseconds(1000);
                o.UpperElectionTimeout = TimeSpan.FromMilliseconds(2000);
            };
            server.Rebuild();
        }

        return cluster;
    }
}
