using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Parley.Core.Peering;
using Parley.Mesh;

namespace Parley.Peering;

/// <summary>
/// Opens the dialer's gRPC channel to one peer server address with Consul's dialer settings: TLS verified
/// against the peer's CA and server name (never the machine's trust store), SNI set to the server name, keepalive
/// pings every 30 s with a 10 s timeout even without calls, and 8 MiB messages.
/// </summary>
public static class PeerChannelFactory
{
    /// <summary>Largest message sent or received on the peer stream: 8 MiB.</summary>
    public const int MaxMessageSize = 8 * 1024 * 1024;

    /// <summary>Interval of HTTP/2 keepalive pings: 30 s.</summary>
    public static readonly TimeSpan KeepAlivePingDelay = TimeSpan.FromSeconds(30);

    /// <summary>How long a keepalive ping may go unanswered before the connection is dropped: 10 s.</summary>
    public static readonly TimeSpan KeepAlivePingTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Creates a channel to <paramref name="serverAddress"/>.</summary>
    /// <param name="serverAddress">A <c>host:port</c> from the token or the peering record.</param>
    /// <param name="validator">
    /// Verifies the peer's certificate; <see langword="null"/> dials plaintext, which Consul does only for legacy tokens
    /// without a CA.
    /// </param>
    /// <param name="loggerFactory">For gRPC client logs; optional.</param>
    /// <exception cref="ArgumentException"><paramref name="serverAddress"/> is not <c>host:port</c>.</exception>
    /// <remarks>The channel owns its handler; the caller disposes the channel, and the validator after it.</remarks>
    public static GrpcChannel Create(string serverAddress, PeerCertificateValidator? validator, ILoggerFactory? loggerFactory = null)
    {
        if (!PeeringServerAddress.TryParse(serverAddress, out var host, out var port))
        {
            throw new ArgumentException($"{serverAddress} is not a valid peering server address", nameof(serverAddress));
        }

        var sockets = new SocketsHttpHandler
        {
            KeepAlivePingDelay = KeepAlivePingDelay,
            KeepAlivePingTimeout = KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            EnableMultipleHttp2Connections = true,
        };

        HttpMessageHandler handler = sockets;
        if (validator is not null)
        {
            sockets.SslOptions.RemoteCertificateValidationCallback = validator.ValidateRemoteCertificate;

            // SocketsHttpHandler takes the SNI name from the Host header, so set it to the name the peer's
            // certificate carries (mesh gateways route peering traffic by it).
            handler = new ServerNameHandler(validator.ServerName) { InnerHandler = sockets };
        }

        var scheme = validator is null ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        var uri = new UriBuilder(scheme, host.Length == 0 ? "localhost" : host, port).Uri;
        return GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = MaxMessageSize,
            MaxSendMessageSize = MaxMessageSize,
            LoggerFactory = loggerFactory,
        });
    }
}
