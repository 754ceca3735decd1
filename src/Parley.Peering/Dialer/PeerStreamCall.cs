using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Parley.Mesh;
using Parley.Peering.Stream;
using Parley.Peering.V1;

namespace Parley.Peering.Dialer;

/// <summary>
/// The dialer's end of one <c>StreamResources</c> call to one acceptor server: a fresh channel (TLS verified against the
/// peering's CA and server name, see <see cref="PeerChannelFactory"/>), the call, and the <c>Open</c> that must go first.
/// Shared by the dial loop (<see cref="PeeringDialer"/>) and the cleanup's last <c>Terminated</c>.
/// </summary>
/// <remarks>Disposing ends the call and releases the channel and the certificate validator.</remarks>
internal sealed class PeerStreamCall : IDisposable
{
    private readonly PeerCertificateValidator? _validator;
    private readonly GrpcChannel _channel;

    private PeerStreamCall(
        PeerCertificateValidator? validator,
        GrpcChannel channel,
        AsyncDuplexStreamingCall<ReplicationMessage, ReplicationMessage> call,
        ReplicationMessage open)
    {
        _validator = validator;
        _channel = channel;
        Call = call;
        Open = open;
    }

    /// <summary>The started call; nothing has been written to it yet.</summary>
    public AsyncDuplexStreamingCall<ReplicationMessage, ReplicationMessage> Call { get; }

    /// <summary>
    /// <c>Open{PeerID = the acceptor's ID, StreamSecretID, Remote{Partition, Datacenter}}</c>, the first message the caller
    /// must send.
    /// </summary>
    public ReplicationMessage Open { get; }

    /// <summary>Starts a call to <paramref name="address"/> for a peering this cluster dials.</summary>
    /// <param name="peering">The dialer's record: the acceptor's ID, CA PEMs, server name and partition are read from it.</param>
    /// <param name="secret">The active stream secret.</param>
    /// <param name="address">One of the peering's dial addresses (<c>host:port</c>).</param>
    /// <param name="datacenter">This cluster's datacenter, sent in <c>Open.Remote</c>.</param>
    /// <param name="timeProvider">The clock the peer's certificate is checked against.</param>
    /// <param name="loggerFactory">For gRPC client logs.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    public static PeerStreamCall Start(
        State.Peering.PeeringRecord peering,
        string secret,
        string address,
        string datacenter,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var validator = peering.PeerCAPems.Count > 0
            ? new PeerCertificateValidator(peering.PeerCAPems, peering.PeerServerName, timeProvider)
            : null;
        GrpcChannel? channel = null;
        try
        {
            channel = PeerChannelFactory.Create(address, validator, loggerFactory);
            var client = new PeerStreamService.PeerStreamServiceClient(channel);
            var call = client.StreamResources(cancellationToken: cancellationToken);
            var open = new ReplicationMessage
            {
                Open = new ReplicationMessage.Types.Open
                {
                    PeerId = peering.PeerID,
                    StreamSecretId = secret,
                    Remote = new RemoteInfo { Partition = peering.Partition, Datacenter = datacenter },
                },
            };
            return new PeerStreamCall(validator, channel, call, open);
        }
        catch
        {
            channel?.Dispose();
            validator?.Dispose();
            throw;
        }
    }

    /// <summary>The <c>LeaderAddress</c> a follower sent with its refusal; none if the failure carries none or it is unreadable.</summary>
    public static string? LeaderHint(Exception exception)
    {
        if (exception is not RpcException { StatusCode: StatusCode.FailedPrecondition } rpc)
        {
            return null;
        }

        try
        {
            return RpcErrors.LeaderAddress(rpc);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>
    /// The failure with the reason the peer's certificate was refused, or null when it was not (<see cref="TlsRefusal"/>).
    /// </summary>
    public RpcException? Explain(RpcException failure) => TlsRefusal.Explain(failure, _validator);

    public void Dispose()
    {
        Call.Dispose();
        _channel.Dispose();
        _validator?.Dispose();
    }
}
