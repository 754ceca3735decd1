using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Parley.Core.Connect;
using Parley.Proxy.Forwarding;
using Parley.Proxy.Forwarding.Http1;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Inbound;

/// <content>
/// HTTP/1.1 on the lean path: per request, the caller (the TLS peer, or the XFCC of our own gateway) is judged by the
/// current intentions (deny = 403 <c>RBAC: access denied</c>), XFCC is appended, and the request goes to the local
/// application over a pooled keep-alive cleartext connection; an application that makes no progress for
/// <see cref="Http1Limits.LocalActivityTimeout"/> gets 504 <c>upstream request timeout</c> (or a cut connection once its
/// answer has started).
/// </content>
internal sealed partial class InboundListener : IHttp1Handler
{
    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> HandleAsync(Http1Session session)
    {
        var feature = session.Connection.Features.Get<MeshConnectionFeature>()!;
        var snapshot = _current();
        var request = session.Request;
        var forwarded = request.Get(ForwardedClientCert.HeaderName);
        var caller = InboundAuthorizer.ResolveCaller(feature.Peer, forwarded, snapshot.TrustDomain, snapshot.InboundTrust);
        var decision = snapshot.Intentions.Decide(caller, snapshot.Intentions.HasPermissions ? request.RequestInfo() : null);
        if (!decision.Allowed)
        {
            _logger.RequestDenied(feature.Peer.Id.Uri, request.Target, decision.Reason);
            return await session.AnswerAsync(403, ForwardingErrors.AccessDenied).ConfigureAwait(false);
        }

        var inbound = snapshot.Inbound;
        feature.ForwardedElement ??= InboundAuthorizer.ForwardedElement(snapshot.Leaf.Identity.Uri, feature.Peer);
        var head = session.RequestHead;
        head.Begin(request);
        head.Remove(ForwardedClientCert.HeaderName);
        if (inbound.Protocol != "grpc")
        {
            head.Add(ForwardedClientCert.HeaderName, ForwardedClientCert.Append(forwarded, feature.ForwardedElement));
        }

        var address = LocalAddress(inbound);
        var connection = _localPool.Rent(address, inbound.LocalServicePort);
        for (var fresh = connection is null; ; fresh = true)
        {
            if (connection is null)
            {
                try
                {
                    var socket = await MeshDialer.ConnectAsync(
                        LocalEndPoint(inbound), inbound.LocalConnectTimeout, _services.TimeProvider, session.Aborted).ConfigureAwait(false);
                    connection = new UpstreamConnection(new NetworkStream(socket, ownsSocket: true), socket);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
                catch (Exception e) when (e is SocketException or TimeoutException)
                {
                    _logger.LocalApplicationUnreachable($"{address}:{inbound.LocalServicePort}", e.Message);
                    return await session.AnswerAsync(503, ForwardingErrors.ConnectFailure).ConfigureAwait(false);
                }
            }

            session.StartActivityTimeout(Http1Limits.LocalActivityTimeout);
            var outcome = await session.ForwardAsync(connection, null, [], []).ConfigureAwait(false);
            if (outcome == ExchangeOutcome.Stale && !fresh)
            {
                // The application closed the pooled connection while it was idle: the same request on a new one.
                connection = null;
                continue;
            }

            if (!connection.IsDisposed)
            {
                _localPool.Return(address, inbound.LocalServicePort, connection);
            }

            return outcome switch
            {
                ExchangeOutcome.KeepAlive => true,
                ExchangeOutcome.Stale or ExchangeOutcome.Failed
                    => await session.AnswerAsync(503, ForwardingErrors.ConnectFailure).ConfigureAwait(false),
                ExchangeOutcome.TimedOut => await session.AnswerAsync(504, ForwardingErrors.Timeout).ConfigureAwait(false),
                _ => false,
            };
        }
    }
}
