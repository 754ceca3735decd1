using DotNext.Net.Cluster.Consensus.Raft;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Parley.Consensus.Internal;

/// <summary>
/// The Raft server of a <see cref="RaftRun"/> with what only it uses: the sockets it dials its peers with and the
/// replicator's handlers on its events, attached here and detached before it stops.
/// </summary>
internal sealed class RaftNode : IAsyncDisposable
{
    private readonly SocketConnectionContextFactory _contexts;
    private readonly ClusterEvents _events;
    private int _detached;

    public RaftNode(RaftCluster cluster, SocketConnectionContextFactory contexts, ClusterEvents events)
    {
        Cluster = cluster;
        _contexts = contexts;
        _events = events;
        cluster.LeaderChanged += events.LeaderChanged;
        cluster.ReplicationCompleted += events.ReplicationCompleted;
    }

    public RaftCluster Cluster { get; }

    /// <summary>Stops telling the replicator about leader changes and heartbeats.</summary>
    public void Detach()
    {
        if (Interlocked.Exchange(ref _detached, 1) == 0)
        {
            Cluster.LeaderChanged -= _events.LeaderChanged;
            Cluster.ReplicationCompleted -= _events.ReplicationCompleted;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Detach();
        await Cluster.DisposeAsync().ConfigureAwait(false);
        _contexts.Dispose();
    }
}
