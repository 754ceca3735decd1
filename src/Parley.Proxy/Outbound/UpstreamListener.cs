using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Parley.Core.DiscoveryChain;
using Parley.Proxy.Forwarding;
using Parley.Proxy.Forwarding.Http1;
using Parley.Proxy.Hosting;

namespace Parley.Proxy.Outbound;

/// <summary>
/// One upstream's local listener (plain, on <c>LocalBindAddress:LocalBindPort</c>): for a <c>tcp</c> upstream each
/// connection follows the resolver (and failover) to one endpoint and its bytes are piped over mesh mTLS; for HTTP
/// protocols each request walks the chain (routes, splits, resolvers with failover) and is forwarded: HTTP/1.1 to an
/// <c>http</c> upstream by the lean path (<see cref="LeanChainForwarder"/>), anything else with YARP.
/// </summary>
/// <remarks>
/// The upstream's configuration is read per connection and per request through <c>current</c>, so chain, endpoint
/// and protocol changes apply without rebinding. HTTP/1.1 and HTTP/2 with prior knowledge are both accepted.
/// </remarks>
internal sealed partial class UpstreamListener : IAsyncDisposable
{
    private readonly string _id;
    private readonly Func<UpstreamRuntime?> _current;
    private readonly DataPlaneServices _services;
    private readonly ILogger _logger;
    private readonly LeanChainForwarder _lean;
    private KestrelListener? _listener;

    private UpstreamListener(string id, Func<UpstreamRuntime?> current, DataPlaneServices services)
    {
        _id = id;
        _current = current;
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<UpstreamListener>();
        _lean = new LeanChainForwarder(current, id, _logger);
    }

    /// <summary>Where the listener is bound.</summary>
    public IPEndPoint Endpoint => _listener!.Endpoint;

    /// <summary>Binds the listener of upstream <paramref name="id"/> on <paramref name="endpoint"/>.</summary>
    public static async Task<UpstreamListener> StartAsync(
        string id, IPEndPoint endpoint, Func<UpstreamRuntime?> current, DataPlaneServices services, CancellationToken cancellationToken)
    {
        var listener = new UpstreamListener(id, current, services);
        listener._listener = await KestrelListener.StartAsync(
            id, endpoint, listener.Configure, listener.HandleRequestAsync, services, cancellationToken).ConfigureAwait(false);
        listener._logger.UpstreamListening(id, listener._listener.Endpoint.ToString());
        return listener;
    }

    /// <summary>Stops accepting and gives open requests <paramref name="drain"/> to finish.</summary>
    public async ValueTask StopAsync(TimeSpan drain)
    {
        if (_listener is not null)
        {
            await _listener.StopAsync(drain).ConfigureAwait(false);
            await _listener.DisposeAsync().ConfigureAwait(false);
            _listener = null;
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => StopAsync(TimeSpan.FromSeconds(1));

    private void Configure(ListenOptions options)
    {
        options.Protocols = HttpProtocols.Http1AndHttp2;
        options.Use(next => connection => HandleConnectionAsync(connection, next));
    }

    private async Task HandleConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var upstream = _current();
        if (upstream is null)
        {
            connection.Abort();
            return;
        }

        if (!DiscoveryChainCompiler.IsHttpLikeProtocol(upstream.Snapshot.Protocol))
        {
            await PipeAsync(connection, upstream).ConfigureAwait(false);
            return;
        }

        await Http2PrefaceSniffer.MarkAsync(connection).ConfigureAwait(false);
        if (_services.Options.LeanHttp1 && upstream.Snapshot.Protocol == "http" && !Http2PrefaceSniffer.IsHttp2(connection) &&
            !await Http1Session.ServeAsync(connection, _lean, _services.TimeProvider).ConfigureAwait(false))
        {
            return;
        }

        await next(connection).ConfigureAwait(false);
    }
}
