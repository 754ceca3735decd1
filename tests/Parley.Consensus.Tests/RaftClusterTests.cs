using Parley.Core;
using Parley.State;
using Parley.State.Commands;
using Parley.Testing;

namespace Parley.Consensus.Tests;

public sealed class RaftClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DeregisterCatalog Deregister(string node) => new(node, null, null);

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public async Task StartAsync_ServersExpectingEachOther_FormOneClusterWithOneLeader(int count)
    {
        await using var cluster = RaftTestCluster.Create(count);

        await cluster.StartAsync();

        var leader = await cluster.LeaderAsync();
        Assert.True(leader.Replicator.Status.IsLeader);
        Assert.Equal(count - 1, cluster.Servers.Count(s => !s.Replicator.Status.IsLeader));
        Assert.All(cluster.Servers, s => Assert.Equal(count, s.Replicator.GetConfiguration().Servers.Count));
    }

    [Fact]
    public async Task ApplyAsync_OnFollower_IsForwardedAndReturnsTheLeadersResult()
    {
        await using var cluster = RaftTestCluster.Create(3);
        await cluster.StartAsync();
        var leader = await cluster.LeaderAsync();
        var follower = cluster.Servers.First(s => s != leader);

        var first = await follower.Replicator.ApplyAsync(Deregister("n1"), Ct);
        var second = await follower.Replicator.ApplyAsync(Deregister("n2"), Ct);

        Assert.Equal(1, first.Value);
        Assert.Equal(2, second.Value);
        Assert.True(second.Index > first.Index);
        // Read-your-writes: the forwarding server has applied its own write when the call returns.
        Assert.True(follower.Machine.LastAppliedIndex >= second.Index);
        Assert.Equal(leader.Machine.Items.Take(2), follower.Machine.Items.Take(2));
    }

    [Fact]
    public async Task LeaderStops_RemainingTwoElectANewLeaderAndKeepAcceptingWrites()
    {
        await using var cluster = RaftTestCluster.Create(3);
        await cluster.StartAsync();
        var oldLeader = await cluster.LeaderAsync();
        var before = await oldLeader.Replicator.ApplyAsync(Deregister("before"), Ct);

        await oldLeader.Replicator.StopAsync(Ct);
        var remaining = cluster.Servers.Where(s => s != oldLeader).ToList();
        var newLeader = await cluster.LeaderAsync(remaining);
        var follower = remaining.Single(s => s != newLeader);
        var after = await follower.Replicator.ApplyAsync(Deregister("after"), Ct);

        Assert.NotEqual(oldLeader.Address, newLeader.Address);
        Assert.True(after.Index > before.Index);
        Assert.Contains(follower.Machine.Items, i => i.Contains("\"before\"", StringComparison.Ordinal));
        Assert.Equal(2, after.Value);
    }

    [Fact]
    public async Task FollowerRestarts_CatchesUpOnWritesMadeWhileItWasDown()
    {
        await using var cluster = RaftTestCluster.Create(3, snapshotThreshold: 8);
        await cluster.StartAsync();
        var leader = await cluster.LeaderAsync();
        var follower = cluster.Servers.First(s => s != leader);
        await leader.Replicator.ApplyAsync(Deregister("n0"), Ct);

        await follower.Replicator.StopAsync(Ct);
        CommandResult last = null!;
        for (var i = 1; i <= 20; i++)
        {
            last = await leader.Replicator.ApplyAsync(Deregister($"n{i}"), Ct);
        }

        await follower.RestartAsync(waitForLeader: false);
        await Eventually.TrueAsync(
            () => follower.Machine.LastAppliedIndex >= last.Index, RaftTestServer.Timeout, "the follower applies the last write", Ct);

        Assert.Equal(leader.Machine.Items, follower.Machine.Items);
        Assert.Equal(3, follower.Replicator.Status.Peers.Count);
    }

    [Fact]
    public async Task AllServersRestart_MembershipIsKeptAndTheyElectALeaderWithoutBootstrapping()
    {
        await using var cluster = RaftTestCluster.Create(3);
        await cluster.StartAsync();
        var write = await cluster.Servers[0].Replicator.ApplyAsync(Deregister("kept"), Ct);
        foreach (var server in cluster.Servers)
        {
            await server.Replicator.StopAsync(Ct);
        }

        foreach (var server in cluster.Servers)
        {
            // No retry-join and no bootstrap this time: the persisted membership alone brings them back.
            server.Configure = o => o.BootstrapExpect = 0;
            await server.RestartAsync(waitForLeader: false);
        }

        await RaftTestCluster.WaitForVotersAsync(cluster.Servers);
        var next = await cluster.Servers[2].Replicator.ApplyAsync(Deregister("next"), Ct);
        Assert.True(next.Index > write.Index);
        Assert.Equal(2, next.Value);
    }

    [Fact]
    public async Task QuorumLost_WritesFailWithNoLeaderAndQuorumBackResumesThem()
    {
        await using var cluster = RaftTestCluster.Create(3);
        foreach (var server in cluster.Servers)
        {
            server.Configure += o => o.WriteTimeout = TimeSpan.FromSeconds(1.5);
            server.Rebuild();
        }

        await cluster.StartAsync();
        var survivor = cluster.Servers[0];
        await survivor.Replicator.ApplyAsync(Deregister("n1"), Ct);
        await cluster.Servers[1].Replicator.StopAsync(Ct);
        await cluster.Servers[2].Replicator.StopAsync(Ct);

        var failed = await Assert.ThrowsAsync<NoLeaderException>(
            () => survivor.Replicator.ApplyAsync(Deregister("lost"), Ct).AsTask().WaitAsync(RaftTestServer.Timeout, Ct));
        await Eventually.TrueAsync(
            () => !survivor.Replicator.Status.KnownLeader, RaftTestServer.Timeout, "the survivor knows no leader", Ct);

        await cluster.Servers[1].RestartAsync(waitForLeader: false);
        await RaftTestCluster.WaitForLeaderAmongAsync([survivor, cluster.Servers[1]]);
        var resumed = await survivor.Replicator.ApplyAsync(Deregister("resumed"), Ct);

        Assert.NotEmpty(failed.Message);
        Assert.Contains(survivor.Machine.Items, i => i.Contains("\"resumed\"", StringComparison.Ordinal));
        Assert.True(resumed.Index > 0);
    }

    [Fact]
    public async Task ReadBarrierAsync_OnFollower_SeesEverythingCommittedBeforeIt()
    {
        await using var cluster = RaftTestCluster.Create(3);
        await cluster.StartAsync();
        var leader = await cluster.LeaderAsync();
        var follower = cluster.Servers.First(s => s != leader);

        var write = await leader.Replicator.ApplyAsync(Deregister("n1"), Ct);
        await follower.Replicator.ReadBarrierAsync(Ct);

        Assert.True(follower.Machine.LastAppliedIndex >= write.Index);
    }

    [Fact]
    public async Task ServerWithRetryJoinOnly_IsAddedToARunningCluster()
    {
        await using var cluster = RaftTestCluster.Create(3);
        await cluster.StartAsync();
        await cluster.Servers[0].Replicator.ApplyAsync(Deregister("n1"), Ct);
        await using var joiner = RaftTestServer.Create(configure: o =>
        {
            o.Bootstrap = false;
            o.RetryJoin = [cluster.Servers[1].Address];
        });

        await joiner.StartAsync(waitForLeader: false);

        await RaftTestCluster.WaitForVotersAsync([.. cluster.Servers, joiner]);
        await Eventually.TrueAsync(() => joiner.Machine.Items.Count == 1, RaftTestServer.Timeout, "the joiner applies the write", Ct);
    }

    [Fact]
    public async Task RemovePeerAsync_OfAStoppedFollower_LeavesTwoVotersThatStillCommit()
    {
        await using var cluster = RaftTestCluster.Create(3);
        await cluster.StartAsync();
        var leader = await cluster.LeaderAsync();
        var gone = cluster.Servers.First(s => s != leader);
        var other = cluster.Servers.Single(s => s != leader && s != gone);
        await gone.Replicator.StopAsync(Ct);

        // Asked on a follower: it is done by the leader.
        await other.Replicator.RemovePeerAsync(gone.Address, Ct);

        await RaftTestCluster.WaitForVotersAsync([leader, other]);
        Assert.DoesNotContain(gone.Address, leader.Replicator.GetConfiguration().Servers.Select(s => s.Address));
        await other.Replicator.ApplyAsync(Deregister("after-remove"), Ct);
    }

    [Fact]
    public async Task RemovePeerAsync_UnknownAddress_IsRefusedAsNotFound()
    {
        await using var cluster = RaftTestCluster.Create(3);
        await cluster.StartAsync();

        var error = await Assert.ThrowsAsync<ParleyException>(() => cluster.Servers[1].Replicator.RemovePeerAsync("127.0.0.1:1", Ct));

        Assert.Equal(ErrorCode.NotFound, error.Code);
        Assert.Equal("address \"127.0.0.1:1\" was not found in the Raft configuration", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LeaveAsync_ServerLeaves_OthersDropItAndKeepALeader(bool leaderLeaves)
    {
        await using var cluster = RaftTestCluster.Create(3);
        await cluster.StartAsync();
        var leader = await cluster.LeaderAsync();
        var leaving = leaderLeaves ? leader : cluster.Servers.First(s => s != leader);

        await leaving.Replicator.LeaveAsync(Ct);
        await leaving.Replicator.StopAsync(Ct);

        var staying = cluster.Servers.Where(s => s != leaving).ToList();
        await RaftTestCluster.WaitForVotersAsync(staying);
        var write = await staying[0].Replicator.ApplyAsync(Deregister("after-leave"), Ct);
        Assert.True(write.Index > 0);
    }

    [Fact]
    public async Task LeaveAsync_ThenRestartOnTheSameData_TheServerJoinsAgain()
    {
        await using var cluster = RaftTestCluster.Create(3);
        await cluster.StartAsync();
        var leader = await cluster.LeaderAsync();
        var leaving = cluster.Servers.First(s => s != leader);
        await leaving.Replicator.LeaveAsync(Ct);
        await leaving.Replicator.StopAsync(Ct);
        await RaftTestCluster.WaitForVotersAsync([.. cluster.Servers.Where(s => s != leaving)]);
        var write = await leader.Replicator.ApplyAsync(Deregister("while-away"), Ct);

        await leaving.RestartAsync(waitForLeader: false);

        await RaftTestCluster.WaitForVotersAsync(cluster.Servers);
        await Eventually.TrueAsync(
            () => leaving.Machine.LastAppliedIndex >= write.Index, RaftTestServer.Timeout, "the rejoined server applies the write", Ct);
    }

    [Fact]
    public async Task Status_OnFollower_LastContactStaysFreshWhileTheLeaderLivesAndGrowsWhenItStops()
    {
        await using var cluster = RaftTestCluster.Create(3);
        await cluster.StartAsync();
        var leader = await cluster.LeaderAsync();
        var follower = cluster.Servers.First(s => s != leader);

        // No writes from here on: a contact the follower records more than a second later came from a heartbeat (every
        // 250 ms), and it is fresh when read.
        var quietSince = TimeProvider.System.GetTimestamp();
        await Eventually.TrueAsync(
            () => follower.Replicator.Status.LastContact is var contact
                && TimeProvider.System.GetElapsedTime(quietSince) - contact > TimeSpan.FromSeconds(1)
                && contact < TimeSpan.FromMilliseconds(500),
            RaftTestServer.Timeout,
            "the follower hears from the leader a second after the last write, and its last contact is fresh",
            Ct);
        Assert.Equal(TimeSpan.Zero, leader.Replicator.Status.LastContact);

        foreach (var server in cluster.Servers.Where(s => s != follower))
        {
            await server.Replicator.StopAsync(Ct);
        }

        // Alone, the follower gives up on the leader after an election timeout; its last contact keeps growing.
        await Eventually.TrueAsync(
            () => follower.Replicator.Status is { KnownLeader: false, LastContact: var contact }
                && contact > TimeSpan.FromMilliseconds(500),
            RaftTestServer.Timeout,
            "the follower knows no leader and its last contact is older than 500 ms",
            Ct);
        var stale = follower.Replicator.Status.LastContact;
        await Eventually.TrueAsync(
            () => follower.Replicator.Status.LastContact > stale, RaftTestServer.Timeout, "the last contact grows", Ct);
    }
}
