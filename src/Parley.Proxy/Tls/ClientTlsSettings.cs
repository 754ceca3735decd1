using System.Net.Security;

namespace Parley.Proxy.Tls;

/// <summary>
/// How a proxy verifies one kind of server it dials (one Envoy cluster's transport socket, as Consul builds it): the
/// SNI it sends, the URI SANs the server may present (exact match, Consul's SAN matcher), and the roots it trusts
/// (this cluster's for local targets; only the peer's bundle for peer targets).
/// </summary>
/// <param name="Sni">The TLS server name sent, e.g. <c>backend.default.dc1.internal.&lt;td&gt;</c>.</param>
/// <param name="ExpectedSans">The server's URI SAN must be one of these.</param>
/// <param name="Trust">The roots the server's chain must end in.</param>
/// <param name="ApplicationProtocols">ALPN offered: <c>h2</c> for HTTP/2 and gRPC, <c>http/1.1</c> for HTTP, none for TCP.</param>
public sealed record ClientTlsSettings(
    string Sni,
    IReadOnlyList<string> ExpectedSans,
    TrustStore Trust,
    IReadOnlyList<SslApplicationProtocol> ApplicationProtocols)
{
    /// <summary>True when both would dial the same way (trust compared by reference: a new store is a new trust).</summary>
    public bool SameAs(ClientTlsSettings other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Sni == other.Sni && ReferenceEquals(Trust, other.Trust) &&
            ExpectedSans.SequenceEqual(other.ExpectedSans, StringComparer.Ordinal) &&
            ApplicationProtocols.SequenceEqual(other.ApplicationProtocols);
    }
}
