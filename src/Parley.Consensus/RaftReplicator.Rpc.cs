using System.Net;
using DotNext.Net.Cluster.Consensus.Raft;
using Parley.Consensus.Internal;
using Parley.Consensus.Internal.Rpc;
using Parley.Core;
using Parley.State;
using Parley.State.Commands;

namespace Parley.Consensus;

public sealed partial class RaftReplicator
{
    // Membership changes are made one at a time (DotNext refuses concurrent ones).
    private readonly SemaphoreSlim _membershipLock = new(1, 1);

    // How long the leader lets a joining server catch up and its configuration entry commit.
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(30);

    private Task<RpcResponse> HandleRpcAsync(RpcRequest request, CancellationToken cancellationToken)
    {
        _metrics.RpcServed();
        return Dispatch(request, cancellationToken);
    }

    private Task<RpcResponse> Dispatch(RpcRequest request, CancellationToken cancellationToken) => request.Kind switch
    {
        RpcKind.Hello => Task.FromResult(HandleHello(request)),
        RpcKind.Apply => HandleApplyAsync(request, cancellationToken),
        RpcKind.Join => HandleJoinAsync(request, cancellationToken),
        RpcKind.RemovePeer => HandleRemovePeerAsync(request, cancellationToken),
        RpcKind.Restore => HandleRestoreAsync(request, cancellationToken),
        RpcKind.Query => HandleQueryAsync(request, cancellationToken),
        RpcKind.TransferLeader => HandleTransferLeaderAsync(cancellationToken),
        _ => Task.FromResult(new RpcResponse(RpcStatus.Failed, $"unknown request kind {request.Kind}")),
    };

    private RpcResponse HandleHello(RpcRequest request)
    {
        // Discovery is transitive and symmetric: whoever says hello, and whoever they know, is known here too.
        Learn(request.From);
        foreach (var server in request.Known ?? [])
        {
            Learn(server);
        }

        var cluster = _cluster;
        var inCluster = IsVoter(cluster);
        var known = inCluster
            ? cluster!.Members.Select(m => Format(m.EndPoint)).ToList()
            : [.. _known.Keys.Append(_self).Distinct(StringComparer.Ordinal)];
        return new RpcResponse(RpcStatus.Ok, Leader: LeaderAddress(cluster), InCluster: inCluster, Known: known);
    }

    private async Task<RpcResponse> HandleApplyAsync(RpcRequest request, CancellationToken cancellationToken)
    {
        if (NotLeaderResponse() is { } notLeader)
        {
            return notLeader;
        }

        using var deadline = new Deadline(_options.WriteTimeout, _timeProvider, cancellationToken);
        CommandResult? result;
        try
        {
            result = await ReplicateHereAsync(request.Payload ?? [], deadline.Token).ConfigureAwait(false);
        }
        catch (NoLeaderException e)
        {
            // Appended, then leadership was lost (or the commit timed out): the entry may still commit. Failed, not
            // NoLeader, so the forwarding server reports it instead of sending the write again to the next leader.
            return new RpcResponse(RpcStatus.Failed, e.Message);
        }

        if (result is null)
        {
            return NotLeaderResponse() ?? new RpcResponse(RpcStatus.NoLeader, "No cluster leader");
        }

        // Tell the followers the new commit index now rather than at the next heartbeat, so the forwarding server can
        // apply the entry (and answer its caller) sooner.
        ForceReplication();
        return new RpcResponse(RpcStatus.Ok, Index: result.Index, Result: ResultCodec.Encode(result));
    }

    private async Task<RpcResponse> HandleJoinAsync(RpcRequest request, CancellationToken cancellationToken)
    {
        if (NotLeaderResponse() is { } notLeader)
        {
            return notLeader;
        }

        var address = request.Address ?? request.From;
        if (!ServerAddress.TryParse(address, out _))
        {
            return new RpcResponse(RpcStatus.Rejected, $"'{address}' is not a server address", (int)ErrorCode.InvalidArgument);
        }

        var endPoint = ServerAddress.Resolve(address);
        var cluster = _cluster!;
        using var deadline = new Deadline(JoinTimeout, _timeProvider, cancellationToken);
        await _membershipLock.WaitAsync(deadline.Token).ConfigureAwait(false);
        try
        {
            if (FindMember(cluster, endPoint) is not null)
            {
                return new RpcResponse(RpcStatus.Ok, Leader: _self);
            }

            bool added;
            try
            {
                added = await cluster.AddMemberAsync(endPoint, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || deadline.IsCancellationRequested)
            {
                _logger.MemberAddFailed(address, e.Message);
                return new RpcResponse(RpcStatus.Failed, $"could not add {address}: {e.Message}");
            }

            if (!added)
            {
                _logger.MemberAddFailed(address, "the configuration change did not commit");
                return new RpcResponse(RpcStatus.Failed, $"could not add {address}: the configuration change did not commit");
            }

            _logger.MemberAdded(address);
            return new RpcResponse(RpcStatus.Ok, Leader: _self);
        }
        finally
        {
            _membershipLock.Release();
        }
    }

    private async Task<RpcResponse> HandleRemovePeerAsync(RpcRequest request, CancellationToken cancellationToken)
    {
        if (NotLeaderResponse() is { } notLeader)
        {
            return notLeader;
        }

        try
        {
            await RemoveHereAsync(request.Address ?? "", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ParleyException && NotLeaderResponse() is { } lost)
        {
            // Leadership moved while the change was in flight (DotNext: "not a leader"): the caller asks the next leader.
            return lost;
        }

        return new RpcResponse(RpcStatus.Ok, Leader: _self);
    }

    private async Task<RpcResponse> HandleRestoreAsync(RpcRequest request, CancellationToken cancellationToken)
    {
        if (NotLeaderResponse() is { } notLeader)
        {
            return notLeader;
        }

        CommandResult? result;
        try
        {
            result = await RestoreHereAsync(request.Payload ?? [], cancellationToken).ConfigureAwait(false);
        }
        catch (NoLeaderException e)
        {
            // As for writes: the restore entry may still commit, so it must not be sent again to the next leader.
            return new RpcResponse(RpcStatus.Failed, e.Message);
        }

        if (result is null)
        {
            return NotLeaderResponse() ?? new RpcResponse(RpcStatus.NoLeader, "No cluster leader");
        }

        ForceReplication();
        return new RpcResponse(RpcStatus.Ok, Index: result.Index, Result: ResultCodec.Encode(result));
    }

    // Sends a membership, restore or query request to the leader (or handles it here when this server leads), waiting for a
    // leader and retrying while it moves, within WriteTimeout.
    private async Task<RpcResponse> CallLeaderAsync(RpcRequest request, CancellationToken cancellationToken)
    {
        using var deadline = new Deadline(_options.WriteTimeout, _timeProvider, cancellationToken, _stopping.Token);
        try
        {
            while (true)
            {
                var leader = await WaitForLeaderMemberAsync(Timeout.InfiniteTimeSpan, deadline.Token).ConfigureAwait(false);
                RpcResponse response;
                if (!leader.IsRemote)
                {
                    response = await HandleRpcAsync(request, deadline.Token).ConfigureAwait(false);
                }
                else
                {
                    try
                    {
                        response = await _rpc.CallAsync(Format(leader.EndPoint), request, _options.WriteTimeout, deadline.Token)
                            .ConfigureAwait(false);
                    }
                    catch (ServerUnreachableException e)
                    {
                        _logger.ForwardFailed(Format(leader.EndPoint), e.Message);
                        await Task.Delay(LeaderRetryDelay, _timeProvider, deadline.Token).ConfigureAwait(false);
                        continue;
                    }
                    catch (Exception e) when (e is IOException or TimeoutException)
                    {
                        throw new NoLeaderException($"Lost the connection to the leader ({Format(leader.EndPoint)}): {e.Message}");
                    }
                }

                if (response.Status is RpcStatus.NotLeader or RpcStatus.NoLeader)
                {
                    await Task.Delay(LeaderRetryDelay, _timeProvider, deadline.Token).ConfigureAwait(false);
                    continue;
                }

                return response.Status switch
                {
                    RpcStatus.Ok => response,
                    RpcStatus.Rejected => throw new ParleyException(
                        (ErrorCode)(response.Code ?? (int)ErrorCode.Rejected), response.Message ?? "rejected by the leader"),
                    _ => throw new InvalidOperationException(response.Message ?? "the leader failed the request"),
                };
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NoLeaderException();
        }
    }

    private RpcResponse? NotLeaderResponse()
    {
        var cluster = _cluster;
        if (cluster?.Leader is { IsRemote: false } && !cluster.LeadershipToken.IsCancellationRequested)
        {
            return null;
        }

        var leader = LeaderAddress(cluster);
        return leader is null ? new RpcResponse(RpcStatus.NoLeader, "No cluster leader") : new RpcResponse(RpcStatus.NotLeader, Leader: leader);
    }

    private void ForceReplication()
    {
        if (_cluster is { } cluster)
        {
            _ = ForceReplicationAsync(cluster);
        }

        static async Task ForceReplicationAsync(RaftCluster cluster)
        {
            try
            {
                await cluster.ForceReplicationAsync(cluster.LeadershipToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Best effort: the next heartbeat carries the commit index anyway.
            }
        }
    }

    private static string? LeaderAddress(RaftCluster? cluster) => cluster?.Leader is { } leader ? Format(leader.EndPoint) : null;

    // Whether this server is a voter of a formed cluster (not waiting to be added).
    private static bool IsVoter(RaftCluster? cluster) => cluster is not null && cluster.Readiness.IsCompletedSuccessfully
        && cluster.Members.Any(m => !m.IsRemote);

    private static RaftClusterMember? FindMember(RaftCluster cluster, EndPoint endPoint)
        => cluster.Members.FirstOrDefault(m => Equals(m.EndPoint, endPoint)
            || string.Equals(Format(m.EndPoint), Format(endPoint), StringComparison.Ordinal));
}
