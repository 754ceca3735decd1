using Grpc.Core;
using Microsoft.Extensions.Logging;
using Parley.Core;
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
    PeeringOptions options,
    StateStore store,
    PeerStreamHost streams,
    ILogger<PeerStreamGrpcService> logger) : V1.PeerStreamService.PeerStreamServiceBase
{
    public override async Task<V1.ExchangeSecretResponse> ExchangeSecret(V1.ExchangeSecretRequest request, ServerCallContext context)
    {
        EnsureEnabled();
        if (!replicator.Status.IsLeader)
        {
            // TODO(#6): forward to the leader as Consul does; with one server this cannot happen.
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "cannot exchange a peering secret on a follower node"));
        }

        // Checked first against the current state, as Consul's handler does, so a used or replaced token gets the one
        // answer a dialer understands; the apply checks again against races.
        var secrets = store.Current.GetPeeringSecrets(request.PeerId);
        if (!SecretMatches(secrets?.EstablishmentSecret, request.EstablishmentSecret))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "invalid peering establishment secret"));
        }

        var streamSecret = Guid.NewGuid().ToString();
        var result = await replicator.ApplyAsync(
            new ExchangePeeringSecret(request.PeerId, request.EstablishmentSecret, streamSecret), context.CancellationToken);
        if (result.Value is ParleyException rejected)
        {
            throw new RpcException(new Status(
                rejected.Code == ErrorCode.PermissionDenied ? StatusCode.PermissionDenied : StatusCode.Internal,
                rejected.Code == ErrorCode.PermissionDenied ? rejected.Message : "failed to persist peering secret: " + rejected.Message));
        }

        return new V1.ExchangeSecretResponse { StreamSecret = streamSecret };
    }

    private void EnsureEnabled()
    {
        if (!options.Enabled)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "peering must be enabled to use this endpoint"));
        }
    }
}
