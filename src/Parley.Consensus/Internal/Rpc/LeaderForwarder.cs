using Microsoft.Extensions.Logging;
using Parley.Core;
using Parley.State;
using Parley.State.Commands;

namespace Parley.Consensus.Internal.Rpc;

/// <summary>
/// A follower's side of a forwarded write: sends the encoded entry to the leader over the server port (RPC kind
/// <see cref="RpcKind.Apply"/>) and turns the answer into the leader's <see cref="CommandResult"/>, or into "nothing was
/// appended, try again" when the leader could not be reached or does not lead any more.
/// </summary>
/// <param name="rpc">The pooled RPC connections of this server.</param>
/// <param name="self">This server's advertised address (the request's sender).</param>
/// <param name="writeTimeout">How long the leader may take to commit and apply the entry.</param>
/// <param name="logger">Where failed forwards are reported.</param>
internal sealed class LeaderForwarder(RpcClient rpc, string self, TimeSpan writeTimeout, ILogger logger)
{
    /// <summary>
    /// Sends <paramref name="payload"/> to <paramref name="leader"/> and returns the result the leader's state machine
    /// produced for it, with its log index. <see langword="null"/> when nothing was appended: the leader could not be
    /// reached, or it answered that it does not lead (the caller waits for the next leader and tries again).
    /// </summary>
    /// <exception cref="NoLeaderException">The connection was lost after sending, or the leader failed while committing: the entry may or
    /// may not be applied.</exception>
    /// <exception cref="ParleyException">The leader refused the entry.</exception>
    public async Task<ForwardedWrite?> ApplyAsync(string leader, byte[] payload, CancellationToken cancellationToken)
    {
        RpcResponse response;
        try
        {
            response = await rpc.CallAsync(leader, new RpcRequest(RpcKind.Apply, self, payload), writeTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ServerUnreachableException e)
        {
            logger.ForwardFailed(leader, e.Message);
            return null;
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            logger.ForwardFailed(leader, e.Message);
            throw new NoLeaderException(
                $"Lost the connection to the leader ({leader}) while it was committing the write; it may or may not be applied");
        }

        return response.Status switch
        {
            RpcStatus.Ok => new ForwardedWrite(response.Index, ResultCodec.Decode(response.Result ?? [])),
            RpcStatus.NoLeader or RpcStatus.NotLeader => null,
            RpcStatus.Rejected => throw new ParleyException(
                (ErrorCode)(response.Code ?? (int)ErrorCode.Rejected), response.Message ?? "rejected by the leader"),
            _ => throw new NoLeaderException(response.Message ?? "The leader failed to apply the write"),
        };
    }
}
