using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Tests.Support;

/// <summary>
/// A mesh TLS server that answers each connection with the SPIFFE ID of the client certificate it verified, then
/// closes: what the far end of a pass-through sees.
/// </summary>
internal sealed class TlsIdentityServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly LeafCertificate _leaf;
    private readonly TrustStore _trust;
    private readonly Task _accepting;
    private int _connections;

    public TlsIdentityServer(LeafCertificate leaf, TrustStore trust)
    {
        _leaf = leaf;
        _trust = trust;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>TCP connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        PeerIdentity? peer = null;
        try
        {
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
            var options = MeshTls.ServerOptions(_leaf, _trust, TimeProvider.System, identity => peer = identity, _ => { });
            await tls.AuthenticateAsServerAsync(options, _stop.Token);
            await tls.WriteAsync(Encoding.UTF8.GetBytes(peer!.Id.Uri + "\n"), _stop.Token);
            await tls.ShutdownAsync();
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
        {
            // A refused or abandoned handshake.
        }
    }
}
