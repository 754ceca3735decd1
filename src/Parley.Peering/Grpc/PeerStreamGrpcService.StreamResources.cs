using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Parley.Core.Peering;
using Parley.Peering.Backend;
using Parley.Peering.Stream;
using Parley.Peering.V1;
using Parley.State.Commands;

namespace Parley.Peering.Grpc;

public sealed partial class PeerStreamGrpcService
{
    /// <summary>
    /// The acceptor's end of the peer stream: checks the dialer's <c>Open</c> (peering, secret, direction) with
    /// Consul's codes and texts, then runs the common stream handler until the stream ends.
    /// </summary>
    public override async Task StreamResources(
        IAsyncStreamReader<ReplicationMessage> requestStream, IServerStreamWriter<ReplicationMessage> responseStream,
            ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        EnsureEnabled();
        var cancellationToken = context.CancellationToken;
        if (!replicator.Status.IsLeader)
        {
            throw RpcErrors.NotLeader(
                "cannot establish a peering stream on a follower node", PeeringBackend.LeaderHint(store.Current, replicator.Status.Leader));
        }

        if (!await requestStream.MoveNext(cancellationToken) || requestStream.Current.Open is not { } open)
        {
            throw RpcErrors.InvalidArgument("first message when initiating a peering must be: Open");
        }

        if (open.PeerId.Length == 0)
        {
            throw RpcErrors.InvalidArgument("initial subscription request must specify a PeerID");
        }

        var snapshot = store.Current;
        var peering = snapshot.GetPeeringById(open.PeerId);
        if (peering is null)
        {
            throw Refused(open.PeerId, RpcErrors.InvalidArgument($"initial subscription for unknown PeerID: {open.PeerId}"));
        }

        if (!peering.IsActive)
        {
            // Tell the dialer to stop for good, then refuse.
            if (peering.State != PeeringState.Terminated)
            {
                await responseStream.WriteAsync(
                    new ReplicationMessage { Terminated = new ReplicationMessage.Types.Terminated() },
                    cancellationToken);
            }

            throw Refused(open.PeerId, new RpcException(new Status(StatusCode.Aborted, $"peering is marked as deleted: {open.PeerId}")));
        }

        var secrets = snapshot.GetPeeringSecrets(peering.ID);
        if (secrets is null)
        {
            throw Refused(open.PeerId, RpcErrors.Internal("unable to authorize connection, peering must be re-established"));
        }

        if (!SecretMatches(secrets.ActiveStreamSecret, open.StreamSecretId))
        {
            if (!SecretMatches(secrets.PendingStreamSecret, open.StreamSecretId))
            {
                throw Refused(open.PeerId, new RpcException(new Status(StatusCode.PermissionDenied, "invalid peering stream secret")));
            }

            // The dialer's first stream with the secret it got from ExchangeSecret: that secret becomes the active one.
            var remote = open.Remote is { } r ? new PeeringTokenRemote { Partition = r.Partition, Datacenter = r.Datacenter } : null;
            var result = await replicator.ApplyAsync(
                new PromotePeeringStreamSecret(peering.ID, open.StreamSecretId, remote),
                cancellationToken);
            if (result.Value is Exception rejected)
            {
                throw Refused(open.PeerId, new RpcException(new Status(StatusCode.PermissionDenied, rejected.Message)));
            }
        }

        if (peering.PeerID.Length > 0)
        {
            throw Refused(open.PeerId, RpcErrors.InvalidArgument("expected PeerID to be empty; the wrong end of peering is being dialed"));
        }

        var session = streams.CreateSession(
            peering.ID,
            peering.Name,
            remoteId: "",
            requestStream,
            responseStream,
            completeWrites: null,
            open: null);
        await session.RunAsync(cancellationToken);
    }

    private static bool SecretMatches(string? expected, string actual) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    private RpcException Refused(string peerId, RpcException error)
    {
        logger.StreamRefused(peerId, error.Status.Detail);
        return error;
    }
}
