using Parley.Consensus.Internal;
using Parley.Consensus.Internal.Rpc;
using Parley.Core;
using Parley.State;

namespace Parley.Consensus;

public sealed partial class RaftReplicator
{
    /// <summary>The voters of the Raft configuration and which one leads, as this server knows them.</summary>
    public RaftConfiguration GetConfiguration()
    {
        if (_run is not { Cluster: { } cluster } run)
        {
            return new RaftConfiguration([], 0);
        }

        var leader = cluster.Leader;
        var servers = cluster.Members
            .Select(m => new RaftServer(Format(m.EndPoint), leader is not null && Equals(m.EndPoint, leader.EndPoint), Voter: true))
            .OrderBy(s => s.Address, StringComparer.Ordinal)
            .ToList();
        return new RaftConfiguration(servers, run.Adapter.AppliedIndex);
    }

    /// <summary>
    /// Removes the server at <paramref name="address"/> (<c>host:port</c> of its server port) from the Raft configuration,
    /// through the leader (Consul's <c>operator raft remove-peer</c>). The server itself is not told; it should be stopped.
    /// </summary>
    /// <exception cref="ParleyException">(InvalidArgument) not an address; (NotFound) not in the configuration.</exception>
    /// <exception cref="NoLeaderException">No leader within <see cref="RaftOptions.WriteTimeout"/>.</exception>
    public async Task RemovePeerAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!ServerAddress.TryParse(address, out _))
        {
            throw new ParleyException(ErrorCode.InvalidArgument, $"address \"{address}\" is not host:port");
        }

        var run = Run;
        await CallLeaderAsync(run, new RpcRequest(RpcKind.RemovePeer, run.Self, Address: NormalizeAddress(address)), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Leaves the cluster gracefully: asks the leader to remove this server from the Raft configuration and returns once
    /// that change has committed. The caller then stops the server. A server that is the only voter, or not in a
    /// cluster, has nothing to leave.
    /// </summary>
    /// <exception cref="NoLeaderException">No leader within <see cref="RaftOptions.WriteTimeout"/>.</exception>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        if (_run is not { IsVoter: true, Cluster.Members.Count: > 1 } run)
        {
            return;
        }

        _logger.Leaving(run.Self);
        try
        {
            await CallLeaderAsync(run, new RpcRequest(RpcKind.RemovePeer, run.Self, Address: run.Self), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ParleyException e) when (e.Code == ErrorCode.NotFound)
        {
            // A removal asked of a leader that lost leadership may have committed under its successor: already gone.
        }

        // The removal is not replicated to the server removed, so its membership file still names it a voter; forget it
        // on stop, so a restart on this data finds the cluster and joins again instead of waiting as a stale voter.
        run.MarkLeft();
    }

    /// <summary>
    /// Has the leader step down so the other voters elect one of themselves (Consul's <c>operator raft transfer-leader</c>
    /// without an ID), asked of the leader wherever this server is. Returns once the old leader has resigned; the
    /// election follows within an election timeout.
    /// </summary>
    /// <exception cref="ParleyException">(InvalidArgument) the leader is the only voter: there is no one to lead instead.</exception>
    /// <exception cref="NoLeaderException">No leader within <see cref="RaftOptions.WriteTimeout"/>.</exception>
    public async Task TransferLeadershipAsync(CancellationToken cancellationToken)
    {
        var run = Run;
        await CallLeaderAsync(run, new RpcRequest(RpcKind.TransferLeader, run.Self), cancellationToken).ConfigureAwait(false);
    }
}
