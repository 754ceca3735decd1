using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Parley.Proxy.Tls;

/// <summary>
/// Opens a mesh connection: a TCP connection to one endpoint within the connect timeout, then the TLS handshake
/// with the given client options (leaf, SNI, SAN check) within the handshake timeout.
/// </summary>
/// <remarks>Stateless and thread-safe; used by the HTTP clusters' <c>ConnectCallback</c> and by TCP upstreams.</remarks>
public static class MeshDialer
{
    /// <summary>The longest a TLS handshake may take once connected (Consul's built-in proxy: <c>handshake_timeout_ms</c> 10000).</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Connects to <paramref name="endpoint"/> without TLS (for the local application), within <paramref name="connectTimeout"/>.
    /// </summary>
    /// <exception cref="TimeoutException">The connection did not open in time.</exception>
    public static async Task<Socket> ConnectAsync(
        EndPoint endpoint, TimeSpan connectTimeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(connectTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await socket.ConnectAsync(endpoint, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"connecting to {endpoint} timed out after {connectTimeout.TotalMilliseconds:0} ms");
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Connects to <paramref name="endpoint"/> and completes a mesh TLS handshake as a client.</summary>
    /// <exception cref="TimeoutException">The connection or the handshake did not complete in time.</exception>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The server was refused (or refused us).</exception>
    public static async Task<SslStream> ConnectTlsAsync(
        EndPoint endpoint,
        SslClientAuthenticationOptions options,
        TimeSpan connectTimeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var socket = await ConnectAsync(endpoint, connectTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
        return await HandshakeAsync(socket, endpoint, options, timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes a mesh TLS handshake as a client on a connected <paramref name="socket"/>, which the stream then owns.</summary>
    /// <exception cref="TimeoutException">The handshake did not complete in time.</exception>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The server was refused (or refused us).</exception>
    public static async Task<SslStream> HandshakeAsync(
        Socket socket, EndPoint endpoint, SslClientAuthenticationOptions options, TimeProvider timeProvider,
            CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        try
        {
            using var timeout = new CancellationTokenSource(HandshakeTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await stream.AuthenticateAsClientAsync(options, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"TLS handshake with {endpoint} timed out");
            }

            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
