using System.Net;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Forwarding;

/// <summary>
/// An HTTP handler whose connections are mesh mTLS connections: <c>SocketsHttpHandler</c> pools connections per
/// request authority (one endpoint), and its <c>ConnectCallback</c> dials that endpoint and completes the TLS
/// handshake with the current leaf, the SNI and the SAN check; HTTP then runs inside (HTTP/2 when <c>h2</c> was
/// negotiated, requests are sent as <c>http://</c> so the handler does not add TLS of its own).
/// </summary>
/// <remarks>
/// The leaf and the TLS settings are read at each dial, so a renewed leaf or new roots apply to new connections
/// while pooled ones live on. Used by the sidecar's clusters and by the mesh gateway when it re-originates mTLS.
/// </remarks>
public static class MeshHttpHandler
{
    /// <summary>Creates the handler.</summary>
    /// <param name="leaf">The certificate to present, read per dial.</param>
    /// <param name="tls">SNI, expected SANs and trust, read per dial.</param>
    /// <param name="connectTimeout">How long the TCP connect may take, read per dial.</param>
    /// <param name="timeProvider">The clock for timeouts and certificate validity.</param>
    /// <param name="onRefused">Told why a server was refused (for logs); may be null.</param>
    public static SocketsHttpHandler Create(
        Func<LeafCertificate> leaf,
        Func<ClientTlsSettings> tls,
        Func<TimeSpan> connectTimeout,
        TimeProvider timeProvider,
        Action<string>? onRefused = null)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(tls);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(connectTimeout);

        // The handler's own limit only backs up ours: the callback bounds the connect and the handshake itself.
        return LocalApplication.CreateHandler(TimeSpan.FromMinutes(1), async (context, cancellationToken) =>
        {
            var endpoint = Endpoints.Parse(context.DnsEndPoint.Host, context.DnsEndPoint.Port);
            var options = MeshTls.ClientOptions(leaf(), tls(), timeProvider, onRefused);
            return await MeshDialer.ConnectTlsAsync(endpoint, options, connectTimeout(), timeProvider, cancellationToken)
                .ConfigureAwait(false);
        });
    }

    /// <summary>The URI prefix that addresses one endpoint through such a handler (<c>http://host:port</c>).</summary>
    public static string Prefix(string address, int port) => "http://" + Endpoints.Format(address, port);

    /// <summary>The HTTP version to request for a protocol over mesh TLS: 2.0 for <c>http2</c>/<c>grpc</c>, 1.1 otherwise.</summary>
    public static Version VersionFor(string protocol) => protocol is "http2" or "grpc" ? HttpVersion.Version20 : HttpVersion.Version11;
}
