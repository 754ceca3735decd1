using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Parley.Core.Connect;
using Parley.Proxy.Config;
using Parley.Proxy.Forwarding;
using Parley.Proxy.Forwarding.Http1;
using Parley.Proxy.Hosting;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Inbound;

/// <summary>
/// The sidecar's public listener: mTLS with a required client certificate verified by the current snapshot's inbound
/// trust (nothing reaches the application without one), then per the current protocol either L4 — intentions decide
/// the connection, which is then piped to the local application — or L7 — intentions decide every request, which is
/// forwarded by the lean HTTP/1.1 path for <c>http</c> (<see cref="HandleAsync(Http1Session)"/>), with YARP otherwise.
/// </summary>
/// <remarks>
/// The snapshot is read at each handshake (leaf, trust), each connection (protocol, L4 decision) and each request
/// (L7 decision), so changes apply to the next of each without a restart; nothing already allowed is cut.
/// </remarks>
internal sealed partial class InboundListener : IAsyncDisposable
{
    private readonly Func<ProxySnapshot> _current;
    private readonly DataPlaneServices _services;
    private readonly ILogger _logger;
    private readonly Lock _localLock = new();
    private readonly Http1ConnectionPool _localPool;
    private LocalApplication? _local;
    private KestrelListener? _listener;

    private InboundListener(Func<ProxySnapshot> current, DataPlaneServices services)
    {
        _current = current;
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<InboundListener>();
        _localPool = new Http1ConnectionPool(services.TimeProvider);
    }

    /// <summary>Where the listener is bound.</summary>
    public IPEndPoint Endpoint => _listener!.Endpoint;

    /// <summary>Binds the public listener of <paramref name="inbound"/>; later snapshots come from <paramref name="current"/>.</summary>
    public static async Task<InboundListener> StartAsync(
        InboundSnapshot inbound, Func<ProxySnapshot> current, DataPlaneServices services, CancellationToken cancellationToken)
    {
        var listener = new InboundListener(current, services);
        var address = IPAddress.TryParse(inbound.BindAddress, out var ip) ? ip : IPAddress.Any;
        listener._listener = await KestrelListener.StartAsync(
            "public", new IPEndPoint(address, inbound.BindPort), listener.Configure, listener.HandleRequestAsync,
            services, cancellationToken).ConfigureAwait(false);
        listener._logger.InboundListening(listener._listener.Endpoint.ToString());
        return listener;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        _local?.Dispose();
        _localPool.Dispose();
    }

    private void Configure(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions options)
    {
        options.Protocols = HttpProtocols.Http1AndHttp2;
        options.UseHttps(new TlsHandshakeCallbackOptions
        {
            HandshakeTimeout = MeshDialer.HandshakeTimeout,
            OnConnection = context =>
            {
                var snapshot = _current();
                var tcp = !Core.DiscoveryChain.DiscoveryChainCompiler.IsHttpLikeProtocol(snapshot.Inbound.Protocol);
                var tls = MeshTls.ServerOptions(
                    snapshot.Leaf,
                    snapshot.InboundTrust,
                    _services.TimeProvider,
                    identity => context.Connection.Features.Set(new MeshConnectionFeature(identity)),
                    reason => _logger.TlsPeerRefused("public", reason),
                    tcp ? null : MeshTls.HttpProtocols);
                return ValueTask.FromResult(tls);
            },
        });
        options.Use(next => connection => HandleConnectionAsync(connection, next));
    }

    private async Task HandleConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var feature = connection.Features.Get<MeshConnectionFeature>();
        if (feature is null)
        {
            connection.Abort();
            return;
        }

        var snapshot = _current();
        if (Core.DiscoveryChain.DiscoveryChainCompiler.IsHttpLikeProtocol(snapshot.Inbound.Protocol))
        {
            if (_services.Options.LeanHttp1 && snapshot.Inbound.Protocol == "http" && !Http2PrefaceSniffer.IsHttp2(connection) &&
                !await Http1Session.ServeAsync(connection, this, _services.TimeProvider).ConfigureAwait(false))
            {
                return;
            }

            await next(connection).ConfigureAwait(false);
            return;
        }

        var caller = InboundAuthorizer.ResolveCaller(feature.Peer, null, snapshot.TrustDomain, snapshot.InboundTrust);
        var decision = snapshot.Intentions.Decide(caller);
        if (!decision.Allowed)
        {
            _logger.ConnectionDenied(feature.Peer.Id.Uri, decision.Reason);
            connection.Abort();
            return;
        }

        await PipeToApplicationAsync(connection, snapshot.Inbound).ConfigureAwait(false);
    }

    private async Task PipeToApplicationAsync(ConnectionContext connection, InboundSnapshot inbound)
    {
        Socket socket;
        try
        {
            socket = await MeshDialer.ConnectAsync(
                LocalEndPoint(inbound), inbound.LocalConnectTimeout, _services.TimeProvider, connection.ConnectionClosed)
                    .ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or TimeoutException or OperationCanceledException)
        {
            _logger.LocalApplicationUnreachable($"{inbound.LocalServiceAddress}:{inbound.LocalServicePort}", e.Message);
            connection.Abort();
            return;
        }

        using (socket)
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await DuplexPump.RunAsync(connection.Transport, stream, () =>
            {
                socket.Shutdown(SocketShutdown.Send);
                return ValueTask.CompletedTask;
            }, connection.ConnectionClosed).ConfigureAwait(false);
        }
    }

    private async Task HandleRequestAsync(HttpContext context)
    {
        var feature = context.Features.Get<MeshConnectionFeature>();
        if (feature is null)
        {
            context.Abort();
            return;
        }

        var snapshot = _current();
        var headers = context.Request.Headers;
        var caller = InboundAuthorizer.ResolveCaller(
            feature.Peer, headers[ForwardedClientCert.HeaderName], snapshot.TrustDomain, snapshot.InboundTrust);
        var decision = snapshot.Intentions.Decide(caller, snapshot.Intentions.HasPermissions ? RequestInfo.From(context.Request) : null);
        if (!decision.Allowed)
        {
            _logger.RequestDenied(feature.Peer.Id.Uri, context.Request.Path.Value ?? "", decision.Reason);
            await ForwardingErrors.WriteAsync(context, StatusCodes.Status403Forbidden, ForwardingErrors.AccessDenied);
            return;
        }

        var inbound = snapshot.Inbound;
        var grpc = inbound.Protocol == "grpc";
        feature.ForwardedElement ??= InboundAuthorizer.ForwardedElement(snapshot.Leaf.Identity.Uri, feature.Peer);
        var transformer = new MeshTransformer
        {
            AppendForwardedClientCert = grpc ? null : feature.ForwardedElement,
            SanitizeForwardedClientCert = grpc,
        };
        var error = await _services.Forwarder.SendAsync(
            context, LocalPrefix(inbound), Local(inbound).Invoker, LocalApplication.RequestConfig(inbound.Protocol), transformer);
        if (error == Yarp.ReverseProxy.Forwarder.ForwarderError.RequestTimedOut && !context.Response.HasStarted)
        {
            // The activity timeout: the same answer as the lean path's.
            await ForwardingErrors.WriteAsync(context, StatusCodes.Status504GatewayTimeout, ForwardingErrors.Timeout);
        }
        else if (error != Yarp.ReverseProxy.Forwarder.ForwarderError.None && !context.Response.HasStarted)
        {
            await ForwardingErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ForwardingErrors.ConnectFailure);
        }
    }

    private LocalApplication Local(InboundSnapshot inbound)
    {
        var local = Volatile.Read(ref _local);
        if (local?.ConnectTimeout == inbound.LocalConnectTimeout)
        {
            return local;
        }

        lock (_localLock)
        {
            if (_local?.ConnectTimeout != inbound.LocalConnectTimeout)
            {
                // The old client is left to the collector: requests in flight may still be using it.
                _local = new LocalApplication(inbound.LocalConnectTimeout);
            }

            return _local;
        }
    }

    private static string LocalAddress(InboundSnapshot inbound) =>
        inbound.LocalServiceAddress.Length == 0 ? "127.0.0.1" : inbound.LocalServiceAddress;

    private static EndPoint LocalEndPoint(InboundSnapshot inbound) => Endpoints.Parse(LocalAddress(inbound), inbound.LocalServicePort);

    private static string LocalPrefix(InboundSnapshot inbound)
        => "http://" + Endpoints.Format(LocalAddress(inbound), inbound.LocalServicePort);
}
