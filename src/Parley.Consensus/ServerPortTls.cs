using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Consensus;

/// <summary>
/// TLS on the server port (Consul's <c>tls.internal_rpc</c>): the certificate this server presents, the CA it trusts,
/// and what it demands of the other side. Both Raft and the server RPC travel inside the same TLS connection.
/// </summary>
/// <remarks>
/// A TLS connection starts with the preamble byte <c>T</c>, then the TLS handshake, then (inside TLS) the usual
/// <c>R</c> or <c>P</c> byte, as Consul's port 8300 opens TLS with its own <c>RPCTLS</c> byte.
/// </remarks>
public sealed class ServerPortTls
{
    /// <summary>
    /// The certificate (with its private key) this server presents when it accepts a TLS connection and, as a client
    /// certificate, when it dials. Null: this server neither accepts TLS nor can satisfy a peer's
    /// <see cref="VerifyIncoming"/>.
    /// </summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>
    /// The certificate authorities a peer's certificate must chain to (<c>ca_file</c>, <c>ca_path</c>). Empty by default.
    /// </summary>
    public X509Certificate2Collection TrustedRoots { get; init; } = [];

    /// <summary>
    /// <c>verify_incoming</c>: accept only TLS connections whose client certificate chains to <see cref="TrustedRoots"/>
    /// (and, with <see cref="ServerName"/>, names it). Plain connections are closed before a byte of them is read.
    /// Defaults to false.
    /// </summary>
    public bool VerifyIncoming { get; init; }

    /// <summary>
    /// <c>verify_outgoing</c>: dial other servers over TLS and check their certificate chains to <see cref="TrustedRoots"/>. Defaults to
    /// false.
    /// </summary>
    public bool VerifyOutgoing { get; init; }

    /// <summary>
    /// <c>server.&lt;datacenter&gt;.&lt;domain&gt;</c> when <c>verify_server_hostname</c> is set: the name a server's
    /// certificate must carry, both when this server dials one and when one dials in. Null (the default): any certificate
    /// of the CA is accepted.
    /// </summary>
    public string? ServerName { get; init; }

    /// <summary>The lowest TLS version spoken (<c>tls_min_version</c>). Defaults to TLS 1.2, Consul's default.</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    internal SslServerAuthenticationOptions ServerOptions(X509Certificate2 certificate) => new()
    {
        ServerCertificate = certificate,
        ClientCertificateRequired = VerifyIncoming,
        EnabledSslProtocols = Protocols,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        // Without verify_incoming a client certificate is not looked at (Consul's behaviour).
        RemoteCertificateValidationCallback = (_, presented, _, _) =>
            !VerifyIncoming || (presented is not null && Accepts(presented, out _)),
    };

    internal SslClientAuthenticationOptions ClientOptions(string host) => new()
    {
        TargetHost = ServerName ?? host,
        ClientCertificates = Certificate is null ? null : [Certificate],
        EnabledSslProtocols = Protocols,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && Accepts(presented, out _),
    };

    /// <summary>
    /// Whether <paramref name="presented"/> chains to <see cref="TrustedRoots"/> and, when required, names <see cref="ServerName"/>.
    /// </summary>
    internal bool Accepts(X509Certificate presented, out string reason)
    {
        using var certificate = new X509Certificate2(presented);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(TrustedRoots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(certificate))
        {
            reason = "certificate signed by unknown authority";
            return false;
        }

        if (ServerName is { } name && !certificate.MatchesHostname(name, allowWildcards: false, allowCommonName: false))
        {
            reason = $"certificate is not valid for {name}";
            return false;
        }

        reason = "";
        return true;
    }
}
