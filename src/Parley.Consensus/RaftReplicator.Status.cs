using DotNext.Net.Cluster.Consensus.Raft;
using Parley.Consensus.Internal;
using Parley.Core.Time;
using Parley.State;

namespace Parley.Consensus;

public sealed partial class RaftReplicator
{
    // Timestamp (TimeProvider ticks) of the last sign of a live leader seen by this server.
    private long _lastContact;

    /// <inheritdoc/>
    /// <remarks>
    /// <see cref="ClusterStatus.LastContact"/> is zero on the leader. On a follower it is the time since the leader's
    /// last heartbeat or replicated entry (or since the leader changed). <see cref="ClusterStatus.Peers"/> are the
    /// voters of the Raft configuration, empty until this server is part of a cluster.
    /// </remarks>
    public ClusterStatus Status
    {
        get
        {
            var cluster = _run?.Cluster;
            if (cluster is null)
            {
                return new ClusterStatus(false, null, _timeProvider.GetElapsedTime(Volatile.Read(ref _lastContact)), []);
            }

            var leader = cluster.Leader;
            var isLeader = leader is { IsRemote: false } && _fatalError is null;
            var lastContact = isLeader ? TimeSpan.Zero : _timeProvider.GetElapsedTime(Volatile.Read(ref _lastContact));
            var peers = cluster.Members.Select(m => Format(m.EndPoint)).Order(StringComparer.Ordinal).ToArray();
            return new ClusterStatus(isLeader, leader is null ? null : Format(leader.EndPoint), lastContact, peers);
        }
    }

    /// <summary>
    /// Completes when a leader is known (this server or another). A bootstrapped single server elects itself within
    /// one election timeout (150–300 ms by default); a server still forming its cluster waits for that first.
    /// </summary>
    /// <returns>The leader's server address, <c>host:port</c>.</returns>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    public async Task<string> WaitForLeaderAsync(CancellationToken cancellationToken)
    {
        var run = _run ?? throw new InvalidOperationException("The Raft replicator is not started.");
        var leader = await WaitForLeaderMemberAsync(run, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return Format(leader.EndPoint);
    }

    // Waits for the Raft server to exist (the formation loop may still be deciding) and then for it to know a leader.
    private async Task<RaftClusterMember> WaitForLeaderMemberAsync(RaftRun run, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new Deadline(timeout, _timeProvider, cancellationToken, run.Stopping);
        try
        {
            var cluster = await run.WaitForClusterAsync(deadline.Token).ConfigureAwait(false);
            return await cluster.WaitForLeaderAsync(Timeout.InfiniteTimeSpan, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NoLeaderException();
        }
    }

    private void OnLeaderChanged(RaftCluster<RaftClusterMember> cluster, RaftClusterMember? leader)
    {
        if (leader is null)
        {
            _logger.LeaderLost();
        }
        else
        {
            // A new leader is contact; losing one is not (the time since the old one's last heartbeat keeps growing).
            TouchContact();
            _logger.LeaderElected(Format(leader.EndPoint));
        }
    }

    // On a follower this fires for each heartbeat from the leader that found the logs in sync.
    private void OnReplicationCompleted(RaftCluster<RaftClusterMember> cluster, RaftClusterMember member)
    {
        _metrics.LeaderContact(_timeProvider.GetElapsedTime(Volatile.Read(ref _lastContact)));
        TouchContact();
    }

    // Every applied entry came from (or through) the leader, so it is a sign of contact too.
    private void OnApplied() => TouchContact();

    private void TouchContact() => Volatile.Write(ref _lastContact, _timeProvider.GetTimestamp());
}
