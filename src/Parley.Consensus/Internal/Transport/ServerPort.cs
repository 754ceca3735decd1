using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Time;

namespace Parley.Consensus.Internal.Transport;

/// <summary>
/// The server port (8300): one TCP listener whose connections are told apart by their first byte
/// (<see cref="Preamble"/>). Raft connections go to DotNext through <see cref="BindAsync"/>; RPC connections are
/// served by the handler given at construction.
/// </summary>
/// <remarks>
/// The port is bound by <see cref="StartAsync"/>, before the Raft server exists, so a server still waiting for its
/// peers (bootstrap-expect, retry-join) already answers their RPCs. Raft connections that arrive before DotNext binds
/// are closed; the dialling server retries on its next heartbeat.
/// </remarks>
internal sealed class ServerPort : IConnectionListenerFactory, IAsyncDisposable
{
    // A client that connects and sends nothing is dropped after this long.
    private static readonly TimeSpan PreambleTimeout = TimeSpan.FromSeconds(10);

    private readonly EndPoint _bind;
    private readonly Func<ConnectionContext, CancellationToken, Task> _serveRpc;
    private readonly ServerPortTls? _tls;
    private readonly TimeProvider _timeProvider;
    private readonly SocketTransportFactory _transport;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private IConnectionListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private volatile RaftConnectionListener? _raft;

    public ServerPort(
        EndPoint bind,
        Func<ConnectionContext, CancellationToken, Task> serveRpc,
        ServerPortTls? tls,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        _timeProvider = timeProvider;
        _bind = bind;
        _serveRpc = serveRpc;
        _tls = tls;
        _transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions { NoDelay = true }), loggerFactory);
        _logger = loggerFactory.CreateLogger<ServerPort>();
    }

    /// <summary>Binds the port and starts accepting connections.</summary>
    /// <exception cref="IOException">The address is in use or cannot be bound.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _listener = await _transport.BindAsync(_bind, cancellationToken).ConfigureAwait(false);
        }
        catch (AddressInUseException e)
        {
            throw new IOException($"the server port {ServerAddress.Format(_bind)} is already in use", e);
        }

        _acceptLoop = AcceptLoopAsync(_listener);
    }

    /// <summary>Called by DotNext when its Raft server starts: the Raft connections of this port from now on.</summary>
    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var raft = new RaftConnectionListener(endpoint);
        _raft = raft;
        return ValueTask.FromResult<IConnectionListener>(raft);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_listener is { } listener)
        {
            await listener.UnbindAsync().ConfigureAwait(false);
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        await _acceptLoop.ConfigureAwait(false);
        if (_raft is { } raft)
        {
            await raft.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(IConnectionListener listener)
    {
        while (true)
        {
            ConnectionContext? connection;
            try
            {
                connection = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            if (connection is null)
            {
                return;
            }

            _ = DispatchAsync(connection);
        }
    }

    private async Task DispatchAsync(ConnectionContext connection)
    {
        var handedOver = false;
        var remote = connection.RemoteEndPoint?.ToString() ?? "?";
        try
        {
            using var timeout = new Deadline(PreambleTimeout, _timeProvider, _stopping.Token);
            var input = connection.Transport.Input;
            var read = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
            if (read.Buffer.IsEmpty)
            {
                input.AdvanceTo(read.Buffer.End);
                return;
            }

            var preamble = read.Buffer.FirstSpan[0];
            input.AdvanceTo(read.Buffer.GetPosition(1));
            if (preamble == Preamble.Tls && _tls?.Certificate is { } certificate)
            {
                // From here the TLS connection owns the accepted one.
                handedOver = true;
                await DispatchTlsAsync(connection, _tls.ServerOptions(certificate), remote, timeout.Token).ConfigureAwait(false);
            }
            else if (_tls is { VerifyIncoming: true })
            {
                // verify_incoming: nothing but an authenticated TLS connection is served, not even a read.
                _logger.PlainConnectionRefused(remote);
            }
            else
            {
                handedOver = await ServeAsync(connection, preamble, remote).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ConnectionResetException or ObjectDisposedException)
        {
            // The peer went away or the server is stopping; nothing to report.
        }
        finally
        {
            if (!handedOver)
            {
                connection.Abort();
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // The TLS handshake (the peer's certificate checked by the options' callback), then the inner preamble.
    private async Task DispatchTlsAsync(
        ConnectionContext accepted, SslServerAuthenticationOptions options, string remote, CancellationToken timeout)
    {
        var tls = new SslStream(new PipeStream(accepted.Transport), leaveInnerStreamOpen: false);
        var connection = new StreamConnection(tls, accepted, accepted.LocalEndPoint, accepted.RemoteEndPoint);
        var handedOver = false;
        try
        {
            await tls.AuthenticateAsServerAsync(options, timeout).ConfigureAwait(false);
            var preamble = new byte[1];
            if (await tls.ReadAsync(preamble, timeout).ConfigureAwait(false) == 1)
            {
                handedOver = await ServeAsync(connection, preamble[0], remote).ConfigureAwait(false);
            }
        }
        catch (AuthenticationException e)
        {
            _logger.TlsHandshakeRefused(remote, e.InnerException?.Message ?? e.Message);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ConnectionResetException or ObjectDisposedException)
        {
            // The peer went away or the server is stopping; nothing to report.
        }
        finally
        {
            if (!handedOver)
            {
                accepted.Abort();
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Hands a Raft connection to DotNext (true: DotNext owns it now) or serves an RPC connection until it closes.
    private async Task<bool> ServeAsync(ConnectionContext connection, byte preamble, string remote)
    {
        switch (preamble)
        {
            case Preamble.Raft:
                return _raft is { } raft && raft.TryAccept(connection);
            case Preamble.Rpc:
                await _serveRpc(connection, _stopping.Token).ConfigureAwait(false);
                return false;
            default:
                _logger.UnknownPreamble(preamble, remote);
                return false;
        }
    }
}
