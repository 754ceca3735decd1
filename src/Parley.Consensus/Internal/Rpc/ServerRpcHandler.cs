using System.Collections.Frozen;
using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Parley.Core;
using Parley.Core.Time;
using Parley.State;
using Parley.State.Commands;

namespace Parley.Consensus.Internal.Rpc;

/// <summary>
/// What this server does when another server calls it over the server port (first byte <c>P</c>): discovery
/// (<see cref="RpcKind.Hello"/>) and, on the leader, forwarded writes and restores, joins, removals, leader queries and
/// leadership transfer. Reads requests off a connection one after the other until it closes; failures become answers the
/// caller can act on: no leader, a rejection with its code and text, or a failure with its message.
/// </summary>
/// <remarks>One per <see cref="RaftRun"/>; thread-safe (connections are served concurrently).</remarks>
/// <param name="run">The server's run: its Raft server, address, known servers and membership lock.</param>
/// <param name="appendHere">
/// Appends an encoded entry on this server, which believes it leads, and returns its result once applied;
/// <see langword="null"/> when it turned out not to lead before appending (the replicator's leader path).
/// </param>
/// <param name="queries">The leader queries this server answers, by name.</param>
/// <param name="writeTimeout">How long an appended entry may take to commit.</param>
/// <param name="timeProvider">The clock of every deadline.</param>
/// <param name="metrics">Counts the requests served.</param>
/// <param name="logger">Where unexpected failures and membership changes are reported.</param>
internal sealed class ServerRpcHandler(
    RaftRun run,
    Func<RaftRun, byte[], CancellationToken, Task<CommandResult?>> appendHere,
    FrozenDictionary<string, ILeaderQuery> queries,
    TimeSpan writeTimeout,
    TimeProvider timeProvider,
    RaftMetrics metrics,
    ILogger logger)
{
    /// <summary>How long the leader lets a joining server catch up and its configuration entry commit.</summary>
    public static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Serves one connection until the other side closes it or <paramref name="stopping"/> is cancelled.</summary>
    public async Task ServeAsync(ConnectionContext connection, CancellationToken stopping)
    {
        var input = connection.Transport.Input.AsStream(leaveOpen: true);
        var output = connection.Transport.Output.AsStream(leaveOpen: true);
        await using (input.ConfigureAwait(false))
        await using (output.ConfigureAwait(false))
        {
            while (!stopping.IsCancellationRequested)
            {
                RpcRequest? request;
                try
                {
                    request = await RpcFrame.ReadAsync<RpcRequest>(input, stopping).ConfigureAwait(false);
                }
                catch (InvalidDataException)
                {
                    return;
                }

                if (request is null)
                {
                    return;
                }

                RpcResponse response;
                try
                {
                    response = await AnswerAsync(request, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }

                await RpcFrame.WriteAsync(output, response, stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The answer to <paramref name="request"/>, a failure turned into its <see cref="RpcStatus"/>.</summary>
    public async Task<RpcResponse> AnswerAsync(RpcRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await DispatchAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (NoLeaderException e)
        {
            return new RpcResponse(RpcStatus.NoLeader, e.Message);
        }
        catch (ParleyException e)
        {
            return new RpcResponse(RpcStatus.Rejected, e.Message, (int)e.Code);
        }
        catch (Exception e)
        {
            logger.RpcFailed(request.Kind.ToString(), request.From, e);
            return new RpcResponse(RpcStatus.Failed, e.Message);
        }
    }

    /// <summary>
    /// Carries out <paramref name="request"/>; failures are thrown, not answered (a leader handling its own request).
    /// </summary>
    public Task<RpcResponse> DispatchAsync(RpcRequest request, CancellationToken cancellationToken)
    {
        metrics.RpcServed();
        return request.Kind switch
        {
            RpcKind.Hello => Task.FromResult(Hello(request)),
            RpcKind.Apply => AppendAsync((payload, _) => Task.FromResult(payload), request.Payload ?? [], cancellationToken),
            RpcKind.Join => JoinAsync(request, cancellationToken),
            RpcKind.RemovePeer => RemovePeerAsync(request, cancellationToken),
            RpcKind.Restore => AppendAsync(RestoreEntryAsync, request.Payload ?? [], cancellationToken),
            RpcKind.Query => QueryAsync(request, cancellationToken),
            RpcKind.TransferLeader => TransferLeaderAsync(cancellationToken),
            _ => Task.FromResult(new RpcResponse(RpcStatus.Failed, $"unknown request kind {request.Kind}")),
        };
    }

    private RpcResponse Hello(RpcRequest request)
    {
        // Discovery is transitive and symmetric: whoever says hello, and whoever they know, is known here too.
        run.Learn(request.From);
        foreach (var server in request.Known ?? [])
        {
            run.Learn(server);
        }

        var cluster = run.Cluster;
        var inCluster = RaftRun.IsVoterOf(cluster);
        var known = inCluster
            ? cluster!.Members.Select(m => ServerAddress.Format(m.EndPoint)).ToList()
            : [.. run.Known.Keys.Append(run.Self).Distinct(StringComparer.Ordinal)];
        return new RpcResponse(RpcStatus.Ok, Leader: run.LeaderAddress, InCluster: inCluster, Known: known);
    }

    // The leader's side of a forwarded write (Apply: the command as sent) and of a restore (Restore: the archive, checked
    // and turned into a restore entry): append the entry here and answer with its index and result.
    private async Task<RpcResponse> AppendAsync(
        Func<byte[], CancellationToken, Task<byte[]>> toEntry, byte[] payload, CancellationToken cancellationToken)
    {
        if (NotLeaderResponse() is { } notLeader)
        {
            return notLeader;
        }

        CommandResult? result;
        try
        {
            var entry = await toEntry(payload, cancellationToken).ConfigureAwait(false);
            using var deadline = new Deadline(writeTimeout, timeProvider, cancellationToken);
            result = await appendHere(run, entry, deadline.Token).ConfigureAwait(false);
        }
        catch (NoLeaderException e)
        {
            // Appended, then leadership was lost (or the commit timed out): the entry may still commit. Failed, not
            // NoLeader, so the forwarding server reports it instead of sending it again to the next leader.
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

    // Verifies the archive again (it travelled) and wraps its state as a restore entry.
    private static async Task<byte[]> RestoreEntryAsync(byte[] archive, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(archive, writable: false);
        var (_, state) = await SnapshotArchive.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        return InternalEntry.Restore(state);
    }

    private async Task<RpcResponse> JoinAsync(RpcRequest request, CancellationToken cancellationToken)
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
        var cluster = run.Cluster ?? throw new NoLeaderException();
        using var deadline = new Deadline(JoinTimeout, timeProvider, cancellationToken);
        await run.MembershipLock.WaitAsync(deadline.Token).ConfigureAwait(false);
        try
        {
            if (RaftRun.FindMember(cluster, endPoint) is not null)
            {
                return new RpcResponse(RpcStatus.Ok, Leader: run.Self);
            }

            bool added;
            try
            {
                added = await cluster.AddMemberAsync(endPoint, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || deadline.IsCancellationRequested)
            {
                logger.MemberAddFailed(address, e.Message);
                return new RpcResponse(RpcStatus.Failed, $"could not add {address}: {e.Message}");
            }

            if (!added)
            {
                logger.MemberAddFailed(address, "the configuration change did not commit");
                return new RpcResponse(RpcStatus.Failed, $"could not add {address}: the configuration change did not commit");
            }

            logger.MemberAdded(address);
            return new RpcResponse(RpcStatus.Ok, Leader: run.Self);
        }
        finally
        {
            run.MembershipLock.Release();
        }
    }

    private async Task<RpcResponse> RemovePeerAsync(RpcRequest request, CancellationToken cancellationToken)
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

        return new RpcResponse(RpcStatus.Ok, Leader: run.Self);
    }

    // On the leader: removes a voter (possibly the leader itself, which then steps down).
    private async Task RemoveHereAsync(string address, CancellationToken cancellationToken)
    {
        if (!ServerAddress.TryParse(address, out _))
        {
            throw new ParleyException(ErrorCode.InvalidArgument, $"address \"{address}\" is not host:port");
        }

        var cluster = run.Cluster ?? throw new NoLeaderException();
        var endPoint = ServerAddress.Resolve(address);
        using var deadline = new Deadline(JoinTimeout, timeProvider, cancellationToken);
        await run.MembershipLock.WaitAsync(deadline.Token).ConfigureAwait(false);
        try
        {
            var member = RaftRun.FindMember(cluster, endPoint)
                ?? throw new ParleyException(ErrorCode.NotFound, $"address \"{address}\" was not found in the Raft configuration");
            var removed = await cluster.RemoveMemberAsync(member.EndPoint, deadline.Token).ConfigureAwait(false);
            if (!removed)
            {
                throw new InvalidOperationException($"removing {address} did not commit");
            }

            logger.MemberRemoved(address);
        }
        finally
        {
            run.MembershipLock.Release();
        }
    }

    private async Task<RpcResponse> QueryAsync(RpcRequest request, CancellationToken cancellationToken)
    {
        if (NotLeaderResponse() is { } notLeader)
        {
            return notLeader;
        }

        if (request.Query is not { } name || !queries.TryGetValue(name, out var query))
        {
            return new RpcResponse(RpcStatus.Failed, $"The leader ({run.Self}) has no query named \"{request.Query}\".");
        }

        var answer = await query.AnswerAsync(request.Payload ?? [], cancellationToken).ConfigureAwait(false);
        return new RpcResponse(RpcStatus.Ok, Leader: run.Self, Result: answer);
    }

    // On the leader: steps down, unless no other voter could take over.
    private async Task<RpcResponse> TransferLeaderAsync(CancellationToken cancellationToken)
    {
        if (NotLeaderResponse() is { } notLeader)
        {
            return notLeader;
        }

        var cluster = run.Cluster ?? throw new NoLeaderException();
        if (cluster.Members.Count <= 1)
        {
            return new RpcResponse(
                RpcStatus.Rejected, "cannot transfer leadership: this server is the only voter", (int)ErrorCode.InvalidArgument);
        }

        // RaftCluster's own ResignAsync is protected; ICluster's is the public way in.
        await ((ICluster)cluster).ResignAsync(cancellationToken).ConfigureAwait(false);
        return new RpcResponse(RpcStatus.Ok);
    }

    private RpcResponse? NotLeaderResponse()
    {
        var cluster = run.Cluster;
        if (cluster?.Leader is { IsRemote: false } && !cluster.LeadershipToken.IsCancellationRequested)
        {
            return null;
        }

        var leader = run.LeaderAddress;
        return leader is null
            ? new RpcResponse(RpcStatus.NoLeader, "No cluster leader")
            : new RpcResponse(RpcStatus.NotLeader, Leader: leader);
    }

    private void ForceReplication()
    {
        if (run.Cluster is { } cluster)
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
}
