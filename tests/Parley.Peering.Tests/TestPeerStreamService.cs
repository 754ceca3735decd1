using Grpc.Core;
using Parley.Peering.V1;

namespace Parley.Peering.Tests;

/// <summary>A trivial acceptor: trades secret "s3cret" for a stream secret and echoes heartbeats.</summary>
internal sealed class TestPeerStreamService(TestPeerStreamService.Calls calls) : PeerStreamService.PeerStreamServiceBase
{
    public override Task<ExchangeSecretResponse> ExchangeSecret(ExchangeSecretRequest request, ServerCallContext context)
    {
        Interlocked.Increment(ref calls.Count);
        if (request.EstablishmentSecret != "s3cret")
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "invalid peering establishment secret"));
        }

        return Task.FromResult(new ExchangeSecretResponse { StreamSecret = $"stream-for-{request.PeerId}" });
    }

    public override async Task StreamResources(
        IAsyncStreamReader<ReplicationMessage> requestStream,
        IServerStreamWriter<ReplicationMessage> responseStream,
        ServerCallContext context)
    {
        Interlocked.Increment(ref calls.Count);
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (message.PayloadCase == ReplicationMessage.PayloadOneofCase.Heartbeat)
            {
                await responseStream.WriteAsync(new ReplicationMessage { Heartbeat = new() }, context.CancellationToken);
            }
        }
    }

    /// <summary>How many calls reached the service.</summary>
    public sealed class Calls
    {
        public int Count;
    }
}
