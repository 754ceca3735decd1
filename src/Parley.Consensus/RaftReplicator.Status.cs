using DotNext.Net.Cluster.Consensus.Raft;
using Parley.State;

namespace Parley.Consensus;

public sealed partial class RaftReplicator
{
    // Timestamp (TimeProvider ticks) of the last sign of a live leader seen by this server.
    private long _lastContact;

    /// <inheritdoc/>
    /// <remarks>
    /// <see cref="ClusterStatus.LastContact"/> is zero on the leader. On a follower it is the time since the leader
    /// was last elected or an entry from it was applied.
    /// TODO(#6): measure it from the leader's heartbeats once followers exist.
    /// </remarks>
    public ClusterStatus Status
    {
        get
        {
            var cluster = _cluster;
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
    /// one election timeout (150–300 ms by default).
    /// </summary>
    /// <returns>The leader's server address, <c>host:port</c>.</returns>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    public async Task<string> WaitForLeaderAsync(CancellationToken cancellationToken)
    {
        var cluster = _cluster ?? throw new InvalidOperationException("The Raft replicator is not started.");
        var leader = await cluster.WaitForLeaderAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return Format(leader.EndPoint);
    }

    private void OnLeaderChanged(RaftCluster<RaftClusterMember> cluster, RaftClusterMember? leader)
    {
        Volatile.Write(ref _lastContact, _timeProvider.GetTimestamp());
        if (leader is null)
        {
            _logger.LeaderLost();
        }
        else
        {
            _logger.LeaderElected(Format(leader.EndPoint));
        }
    }
}
