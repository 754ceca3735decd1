using Parley.Consensus.Internal;
using Parley.Consensus.Internal.Rpc;
using Parley.Core;
using Parley.Core.Time;
using Parley.State;

namespace Parley.Consensus;

public sealed partial class RaftReplicator
{
    // Sends a membership, restore or query request to the leader (or has this server's handler carry it out when this
    // server leads), waiting for a leader and retrying while it moves, within WriteTimeout.
    private async Task<RpcResponse> CallLeaderAsync(RaftRun run, RpcRequest request, CancellationToken cancellationToken)
    {
        using var deadline = new Deadline(_options.WriteTimeout, _timeProvider, cancellationToken, run.Stopping);
        try
        {
            while (true)
            {
                var leader = await WaitForLeaderMemberAsync(run, Timeout.InfiniteTimeSpan, deadline.Token).ConfigureAwait(false);
                RpcResponse response;
                if (!leader.IsRemote)
                {
                    response = await run.Handler.DispatchAsync(request, deadline.Token).ConfigureAwait(false);
                }
                else
                {
                    try
                    {
                        response = await run.Rpc.CallAsync(Format(leader.EndPoint), request, _options.WriteTimeout, deadline.Token)
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
}
