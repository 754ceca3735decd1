using DotNext.Net.Cluster;
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
        var cluster = _cluster;
        if (cluster is null)
        {
            return new RaftConfiguration([], 0);
        }

        var leader = cluster.Leader;
        var servers = cluster.Members
            .Select(m => new RaftServer(Format(m.EndPoint), leader is not null && Equals(m.EndPoint, leader.EndPoint), Voter: true))
            .OrderBy(s => s.Address, StringComparer.Ordinal)
            .ToList();
        return new RaftConfiguration(servers, _adapter?.AppliedIndex ?? 0);
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

        if (!_started)
        {
            throw new NoLeaderException();
        }

        await CallLeaderAsync(new RpcRequest(RpcKind.RemovePeer, _self, Address: NormalizeAddress(address)), cancellationToken)
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
        var cluster = _cluster;
        if (!_started || !IsVoter(cluster) || cluster!.Members.Count <= 1)
        {
            return;
        }

        _logger.Leaving(_self);
        try
        {
            await CallLeaderAsync(new RpcRequest(RpcKind.RemovePeer, _self, Address: _self), cancellationToken).ConfigureAwait(false);
        }
        catch (ParleyException e) when (e.Code == ErrorCode.NotFound)
        {
            // A removal asked of a leader that lost leadership may have committed under its successor: already gone.
        }

        // The removal is not replicated to the server removed, so its membership file still names it a voter; forget it
        // on stop, so a restart on this data finds the cluster and joins again instead of waiting as a stale voter.
        _left = true;
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
        if (!_started)
        {
            throw new NoLeaderException();
        }

        await CallLeaderAsync(new RpcRequest(RpcKind.TransferLeader, _self), cancellationToken).ConfigureAwait(false);
    }

    // On the leader: steps down, unless no other voter could take over.
    private async Task<RpcResponse> HandleTransferLeaderAsync(CancellationToken cancellationToken)
    {
        if (NotLeaderResponse() is { } notLeader)
        {
            return notLeader;
        }

        var cluster = _cluster!;
        if (cluster.Members.Count <= 1)
        {
            return new RpcResponse(RpcStatus.Rejected, "cannot transfer leadership: this server is the only voter", (int)ErrorCode.InvalidArgument);
        }

        // RaftCluster's own ResignAsync is protected; ICluster's is the public way in.
        await ((ICluster)cluster).ResignAsync(cancellationToken).ConfigureAwait(false);
        return new RpcResponse(RpcStatus.Ok);
    }

    // On the leader: removes a voter (possibly the leader itself, which then steps down).
    private async Task RemoveHereAsync(string address, CancellationToken cancellationToken)
    {
        if (!ServerAddress.TryParse(address, out _))
        {
            throw new ParleyException(ErrorCode.InvalidArgument, $"address \"{address}\" is not host:port");
        }

        var cluster = _cluster ?? throw new NoLeaderException();
        var endPoint = ServerAddress.Resolve(address);
        using var deadline = new Deadline(JoinTimeout, _timeProvider, cancellationToken);
        await _membershipLock.WaitAsync(deadline.Token).ConfigureAwait(false);
        try
        {
            var member = FindMember(cluster, endPoint)
                ?? throw new ParleyException(ErrorCode.NotFound, $"address \"{address}\" was not found in the Raft configuration");
            var removed = await cluster.RemoveMemberAsync(member.EndPoint, deadline.Token).ConfigureAwait(false);
            if (!removed)
            {
                throw new InvalidOperationException($"removing {address} did not commit");
            }

            _logger.MemberRemoved(address);
        }
        finally
        {
            _membershipLock.Release();
        }
    }
}
