using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Proxy.Tls;

/// <summary>
/// The TLS options of the mesh, for both ends: a server that requires a client certificate verified by a
/// <see cref="TrustStore"/>, and a client that presents the proxy's leaf, sends SNI and accepts only the expected SANs.
/// Shared by the sidecar and the mesh gateway.
/// </summary>
/// <remarks>
/// The options are built per handshake from the current leaf and trust, so a renewed leaf or a new root applies to the
/// next connection without touching established ones. TLS 1.2 and 1.3 only (Consul's minimum is 1.2).
/// </remarks>
public static class MeshTls
{
    /// <summary>ALPN for HTTP/2 (and gRPC) and HTTP/1.1, in preference order.</summary>
    public static readonly IReadOnlyList<SslApplicationProtocol> HttpProtocols = [
        SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    private const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>
    /// The ALPN a client offers when dialing a protocol: <c>h2</c> for HTTP/2 and gRPC, <c>http/1.1</c> for HTTP, none for TCP.
    /// </summary>
    public static IReadOnlyList<SslApplicationProtocol> AlpnFor(string protocol) => protocol switch
    {
        "http2" or "grpc" => [SslApplicationProtocol.Http2],
        "http" => [SslApplicationProtocol.Http11],
        _ => [],
    };

    /// <summary>
    /// Server options: present <paramref name="leaf"/>, require a client certificate, and accept it only when
    /// <paramref name="trust"/> verifies it; <paramref name="onVerified"/> receives the caller's identity (before the
    /// handshake completes), <paramref name="onRefused"/> the reason for a refusal.
    /// </summary>
    public static SslServerAuthenticationOptions ServerOptions(
        LeafCertificate leaf,
        TrustStore trust,
        TimeProvider timeProvider,
        Action<PeerIdentity> onVerified,
        Action<string> onRefused,
        IReadOnlyList<SslApplicationProtocol>? applicationProtocols = null)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(onVerified);
        ArgumentNullException.ThrowIfNull(onRefused);
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = leaf.Context,
            ClientCertificateRequired = true,
            EnabledSslProtocols = Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ApplicationProtocols = applicationProtocols is null ? null : [.. applicationProtocols],
            RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            {
                if (Verify(trust, certificate, chain, timeProvider, out var identity, out var error))
                {
                    onVerified(identity);
                    return true;
                }

                onRefused(error);
                return false;
            },
        };
    }

    /// <summary>
    /// Client options: present <paramref name="leaf"/>, send <see cref="ClientTlsSettings.Sni"/>, and accept the server
    /// only when its chain ends in <see cref="ClientTlsSettings.Trust"/> and its URI SAN is one of the expected ones.
    /// </summary>
    public static SslClientAuthenticationOptions ClientOptions(
        LeafCertificate leaf, ClientTlsSettings settings, TimeProvider timeProvider, Action<string>? onRefused = null)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new SslClientAuthenticationOptions
        {
            TargetHost = settings.Sni,
            ClientCertificateContext = leaf.Context,
            EnabledSslProtocols = Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ApplicationProtocols = settings.ApplicationProtocols.Count == 0 ? null : [.. settings.ApplicationProtocols],
            RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            {
                if (!Verify(settings.Trust, certificate, chain, timeProvider, out var identity, out var error))
                {
                    onRefused?.Invoke(error);
                    return false;
                }

                foreach (var san in settings.ExpectedSans)
                {
                    if (string.Equals(san, identity.Id.Uri, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                onRefused?.Invoke($"server {identity.Id.Uri} is none of the expected {string.Join(", ", settings.ExpectedSans)}");
                return false;
            },
        };
    }

    private static bool Verify(
        TrustStore trust, X509Certificate? certificate, X509Chain? chain, TimeProvider timeProvider,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PeerIdentity? identity,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        var leaf = certificate switch
        {
            null => null,
            X509Certificate2 c2 => c2,
            _ => X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()),
        };
        var intermediates = leaf is null ? null : TrustStore.IntermediatesOf(chain, leaf);
        return trust.TryValidate(leaf, intermediates, timeProvider.GetUtcNow(), out identity, out error);
    }
}
