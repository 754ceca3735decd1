using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Parley.Consensus.Internal.Transport;

/// <summary>Opens client connections to another server's port, over TLS when <see cref="ServerPortTls.VerifyOutgoing"/> is set.</summary>
internal static class ServerPortSocket
{
    /// <summary>Connects a TCP socket with Nagle off (Raft and RPC messages are small and latency-bound).</summary>
    public static async Task<Socket> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = endpoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Connects and sends <paramref name="preamble"/>: directly, or with TLS the <see cref="Preamble.Tls"/> byte, the
    /// handshake (the server's certificate checked against the CA and, with verify_server_hostname, its name) and the
    /// preamble inside TLS. The stream owns the socket.
    /// </summary>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The TLS handshake failed.</exception>
    public static async Task<(Socket Socket, Stream Stream)> OpenAsync(
        EndPoint endpoint, byte preamble, ServerPortTls? tls, CancellationToken cancellationToken)
    {
        var socket = await ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            if (tls is { VerifyOutgoing: true })
            {
                await stream.WriteAsync(new[] { Preamble.Tls }, cancellationToken).ConfigureAwait(false);
                var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = secure;
                await secure.AuthenticateAsClientAsync(
                    tls.ClientOptions(endpoint is IPEndPoint ip ? ip.Address.ToString() : endpoint.ToString() ?? ""), cancellationToken)
                    .ConfigureAwait(false);
            }

            await stream.WriteAsync(new[] { preamble }, cancellationToken).ConfigureAwait(false);
            return (socket, stream);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
