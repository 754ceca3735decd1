using DotNext.Net.Cluster.Consensus.Raft;

namespace Parley.Consensus.Internal;

/// <summary>The replicator's handlers on its Raft server's events (leader changes; heartbeats that found the logs in sync).</summary>
internal sealed record ClusterEvents(
    Action<RaftCluster<RaftClusterMember>, RaftClusterMember?> LeaderChanged,
    Action<RaftCluster<RaftClusterMember>, RaftClusterMember> ReplicationCompleted);
