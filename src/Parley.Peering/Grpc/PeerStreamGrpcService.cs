using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Peering;
using Parley.Peering.Backend;
using Parley.Peering.Stream;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Peering.Grpc;

/// <summary>
/// The acceptor's gRPC service on the TLS port: <c>ExchangeSecret</c> (here) and <c>StreamResources</c>
/// (in its own partial file). Authenticated only by the peering secrets, as Consul's is.
/// </summary>
public sealed partial class PeerStreamGrpcService(
    IReplicator replicator,
    IOptions<PeeringOptions> options,
    StateStore store,
    PeerStreamHost streams,
    TimeProvider timeProvider,
    ILogger<PeerStreamGrpcService> logger) : V1.PeerStreamService.PeerStreamServiceBase
{
    public override async Task<V1.ExchangeSecretResponse> ExchangeSecret(V1.ExchangeSecretRequest request, ServerCallContext context)
    {
        EnsureEnabled();

        // Any server answers: the apply goes through the leader (a follower forwards it), and the state machine checks
        // the establishment secret there, against the latest state. No pre-check against this server's own state: a
        // follower that has not yet applied a freshly generated token would refuse it for good (PermissionDenied is
        // final for a dialer).
        var streamSecret = Guid.NewGuid().ToString();
        var exchangeId =
            context.RequestHeaders.GetValue(SecretExchanger.ExchangeIdHeader)
                is { Length: > 0 and <= SecretExchanger.MaxExchangeIdLength } id
            ? id
            : null;
        CommandResult result;
        try
        {
            result = await replicator.ApplyAsync(
                new ExchangePeeringSecret(request.PeerId, request.EstablishmentSecret, streamSecret, exchangeId, timeProvider.GetUtcNow()),
                context.CancellationToken);
        }
        catch (ParleyException e) when (e.IsTransient)
        {
            // No leader right now (an election): the dialer tries again.
            throw new RpcException(new Status(StatusCode.Unavailable, e.Message));
        }

        if (result.Value is ParleyException rejected)
        {
            // Every refusal of the secret (unknown peering, used or replaced token) gets the one answer Consul gives; an
            // expired token (Parley's addition, checked only once the secret matched) says when it expired instead.
            throw new RpcException(rejected.Code switch
            {
                ErrorCode.PermissionDenied when rejected.Message.StartsWith(PeeringTokenExpiry.ExpiredPrefix, StringComparison.Ordinal) =>
                    new Status(StatusCode.PermissionDenied, rejected.Message),
                ErrorCode.PermissionDenied => new Status(StatusCode.PermissionDenied, "invalid peering establishment secret"),
                _ => new Status(StatusCode.Internal, "failed to persist peering secret: " + rejected.Message),
            });
        }

        // The apply answers the pending secret to hand out: the one generated here, or, when this is a Parley dialer retrying
        // (same exchange id) an attempt that timed out after its exchange was applied, the one that earlier exchange stored.
        return new V1.ExchangeSecretResponse { StreamSecret = result.Value as string ?? streamSecret };
    }

    private void EnsureEnabled()
    {
        if (!options.Value.Enabled)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "peering must be enabled to use this endpoint"));
        }
    }
}
