using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Parley.Proxy.Hosting;
using Parley.Proxy.Inbound;
using Parley.Proxy.Outbound;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Gateway;

/// <summary>
/// The mesh gateway's one listener: each connection's ClientHello is read without consuming it, its SNI looked up in the
/// current snapshot, and the connection either piped on unread (<see cref="PassthroughRoute"/>), or TLS-terminated with
/// the gateway's leaf for an exported HTTP service (<see cref="TerminatingRoute"/>) whose requests run the exporter's
/// chain; anything else is closed.
/// </summary>
/// <remarks>
/// Kestrel's connection pipeline: the SNI router runs first, the TLS middleware only for terminating routes, then HTTP.
/// The snapshot is read per ClientHello, per handshake and per request.
/// </remarks>
internal sealed partial class GatewayListener : IAsyncDisposable
{
    private readonly Func<GatewaySnapshot> _current;
    private readonly Func<string, UpstreamRuntime?> _chain;
    private readonly DataPlaneServices _services;
    private readonly ILogger _logger;
    private KestrelListener? _listener;

    private GatewayListener(Func<GatewaySnapshot> current, Func<string, UpstreamRuntime?> chain, DataPlaneServices services)
    {
        _current = current;
        _chain = chain;
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<GatewayListener>();
    }

    /// <summary>Where the listener is bound.</summary>
    public IPEndPoint Endpoint => _listener!.Endpoint;

    /// <summary>
    /// Binds <paramref name="endpoint"/>; snapshots come from <paramref name="current"/>, exported chains from <paramref name="chain"/>.
    /// </summary>
    public static async Task<GatewayListener> StartAsync(
        IPEndPoint endpoint,
        Func<GatewaySnapshot> current,
        Func<string, UpstreamRuntime?> chain,
        DataPlaneServices services,
        CancellationToken cancellationToken)
    {
        var listener = new GatewayListener(current, chain, services);
        listener._listener = await KestrelListener.StartAsync(
            "mesh-gateway", endpoint, listener.Configure, listener.HandleRequestAsync, services, cancellationToken).ConfigureAwait(false);
        listener._logger.GatewayListening(listener._listener.Endpoint.ToString());
        return listener;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
            _listener = null;
        }
    }

    private void Configure(ListenOptions options)
    {
        options.Protocols = HttpProtocols.Http1AndHttp2;
        options.Use(next => connection => RouteAsync(connection, next));
        options.UseHttps(new TlsHandshakeCallbackOptions
        {
            HandshakeTimeout = MeshDialer.HandshakeTimeout,
            OnConnection = context =>
            {
                var route = context.Connection.Features.Get<GatewayRouteFeature>()!;
                var leaf = _current().Leaf ?? throw new InvalidOperationException("a terminating route without the gateway's leaf");
                return ValueTask.FromResult(MeshTls.ServerOptions(
                    leaf,
                    route.Route.ClientTrust,
                    _services.TimeProvider,
                    identity => context.Connection.Features.Set(new MeshConnectionFeature(identity)),
                    reason => _logger.TlsPeerRefused(route.Sni, reason),
                    MeshTls.HttpProtocols));
            },
        });
        options.Use(next => connection =>
        {
            if (connection.Features.Get<MeshConnectionFeature>() is null)
            {
                connection.Abort();
                return Task.CompletedTask;
            }

            return ServeAsync(connection, next);
        });
    }

    private async Task RouteAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        ClientHelloStatus status;
        string? sni;
        using (var timeout = new CancellationTokenSource(MeshDialer.HandshakeTimeout, _services.TimeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, timeout.Token))
        {
            try
            {
                (status, sni) = await ClientHelloPeek.PeekAsync(connection.Transport.Input, linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ConnectionResetException)
            {
                _logger.GatewayConnectionClosed("", "no ClientHello in time");
                connection.Abort();
                return;
            }
        }

        var snapshot = _current();
        switch (status == ClientHelloStatus.ServerName ? snapshot.Lookup(sni) : null)
        {
            case PassthroughRoute passthrough:
                await PassthroughAsync(connection, passthrough, sni!).ConfigureAwait(false);
                return;
            case TerminatingRoute terminating:
                connection.Features.Set(new GatewayRouteFeature(sni!, terminating));
                await next(connection).ConfigureAwait(false);
                return;
            default:
                _logger.GatewayConnectionClosed(
                    sni ?? "", status == ClientHelloStatus.Invalid ? "not a TLS ClientHello" : snapshot.Table.ExplainMiss(sni));
                connection.Abort();
                return;
        }
    }

    private async Task HandleRequestAsync(HttpContext context)
    {
        if (Terminated(context.Features.Get<MeshConnectionFeature>(), context.Features.Get<GatewayRouteFeature>()) is not { } found)
        {
            context.Abort();
            return;
        }

        var (tls, route, leaf) = found;
        tls.ForwardedElement ??= InboundAuthorizer.ForwardedElement(leaf.Identity.Uri, tls.Peer);
        await ChainForwarder.ForwardAsync(
            context, _chain(route.Chain.Id), route.Route.Service, tls.ForwardedElement, _services, _logger).ConfigureAwait(false);
    }

    // The terminating route a request may still use: the one its connection was accepted for, still in the snapshot for
    // the same peer, with the gateway's leaf; null when it is gone (the service is no longer exported to the caller's peer,
    // or no longer over HTTP), and the connection then goes, as Envoy drains a filter chain that disappeared.
    private (MeshConnectionFeature Tls, TerminatingRoute Route, LeafCertificate Leaf)? Terminated(MeshConnectionFeature? tls,
        GatewayRouteFeature? chosen)
    {
        var snapshot = _current();
        if (tls is null || chosen is null || snapshot.Leaf is not { } leaf ||
            snapshot.Lookup(chosen.Sni) is not TerminatingRoute route || route.Route.Peer != chosen.Route.Route.Peer)
        {
            _logger.GatewayConnectionClosed(chosen?.Sni ?? "", "the route this connection was accepted for is gone");
            return null;
        }

        return (tls, route, leaf);
    }
}
