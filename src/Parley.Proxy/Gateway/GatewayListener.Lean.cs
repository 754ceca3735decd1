using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Connections;
using Parley.Proxy.Forwarding;
using Parley.Proxy.Forwarding.Http1;
using Parley.Proxy.Inbound;
using Parley.Proxy.Outbound;

namespace Parley.Proxy.Gateway;

/// <content>
/// Terminated HTTP/1.1 on the lean path: the route the connection was accepted for is checked per request, then the
/// exporter's chain runs as on a sidecar's upstream, with the caller named in XFCC (<c>SANITIZE_SET</c>).
/// </content>
internal sealed partial class GatewayListener : IHttp1Handler
{
    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> HandleAsync(Http1Session session)
    {
        var features = session.Connection.Features;
        if (Terminated(features.Get<MeshConnectionFeature>(), features.Get<GatewayRouteFeature>()) is not { } found)
        {
            return false;
        }

        var (tls, route, leaf) = found;
        tls.ForwardedElement ??= InboundAuthorizer.ForwardedElement(leaf.Identity.Uri, tls.Peer);
        return await LeanChainForwarder.ForwardAsync(session, _chain(route.Chain.Id), route.Route.Service, tls.ForwardedElement, _logger)
            .ConfigureAwait(false);
    }

    // HTTP/1.1 to an exported `http` service goes the lean way; HTTP/2 and the other protocols through Kestrel and YARP.
    private async Task ServeAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        if (_services.Options.LeanHttp1 && !Http2PrefaceSniffer.IsHttp2(connection) &&
            connection.Features.Get<GatewayRouteFeature>()?.Route.Chain.Protocol == "http" &&
            !await Http1Session.ServeAsync(connection, this, _services.TimeProvider).ConfigureAwait(false))
        {
            return;
        }

        await next(connection).ConfigureAwait(false);
    }
}
