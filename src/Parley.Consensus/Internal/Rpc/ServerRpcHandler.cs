using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Parley.Core;
using Parley.State;

namespace Parley.Consensus.Internal.Rpc;

/// <summary>
/// The serving side of the server RPC: reads requests off a connection the server port handed over (first byte
/// <c>P</c>), one after the other until it closes, asks <c>dispatch</c> for each answer and writes it back. Failures
/// become answers the caller can act on: no leader, a rejection with its code and text, or a failure with its message.
/// </summary>
/// <param name="dispatch">Answers one request (the replicator's handlers by <see cref="RpcKind"/>).</param>
/// <param name="logger">Where unexpected failures are reported.</param>
internal sealed class ServerRpcHandler(Func<RpcRequest, CancellationToken, Task<RpcResponse>> dispatch, ILogger logger)
{
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
            return await dispatch(request, cancellationToken).ConfigureAwait(false);
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
}
