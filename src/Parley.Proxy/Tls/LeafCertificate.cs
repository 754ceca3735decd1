using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Parley.Core.Connect;

namespace Parley.Proxy.Tls;

/// <summary>
/// The certificate a proxy presents on both sides of its mTLS connections: the leaf with its key, the intermediates
/// that came with it (Consul's <c>CertPEM</c> is the leaf followed by the active root's intermediates, including a
/// cross-signed root after rotation), and the <see cref="SslStreamCertificateContext"/> TLS uses to send the chain.
/// </summary>
/// <remarks>
/// Immutable. A renewed leaf is a new instance; handshakes pick the current one, connections made with the old one
/// keep it. Instances are never disposed by hand, because a handshake may still hold one when it is replaced.
/// </remarks>
public sealed class LeafCertificate
{
    private LeafCertificate(X509Certificate2 certificate, X509Certificate2Collection intermediates, SpiffeId identity, string pem)
    {
        Certificate = certificate;
        Intermediates = intermediates;
        Identity = identity;
        CertificatePem = pem;
        Context = SslStreamCertificateContext.Create(certificate, intermediates, offline: true);
        SerialNumber = Convert.ToHexStringLower(certificate.SerialNumberBytes.Span);
    }

    /// <summary>The leaf, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificates sent after the leaf.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>What TLS sends: leaf and intermediates.</summary>
    public SslStreamCertificateContext Context { get; }

    /// <summary>The leaf's URI SAN, parsed.</summary>
    public SpiffeId Identity { get; }

    /// <summary>The leaf's serial number, lower-case hex without separators.</summary>
    public string SerialNumber { get; }

    /// <summary>The PEM the leaf was read from (leaf first).</summary>
    public string CertificatePem { get; }

    /// <summary>When the leaf stops being valid.</summary>
    public DateTimeOffset NotAfter => Certificate.NotAfter.ToUniversalTime();

    /// <summary>
    /// Reads Consul's <c>IssuedCert</c> fields: <c>CertPEM</c> (leaf first, then intermediates) and <c>PrivateKeyPEM</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The PEMs do not hold a certificate with its key, or the leaf has no SPIFFE ID.</exception>
    public static LeafCertificate FromPem(string certificatePem, string privateKeyPem)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificatePem);
        ArgumentException.ThrowIfNullOrEmpty(privateKeyPem);
        X509Certificate2 leaf;
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(certificatePem);
            using var withKey = X509Certificate2.CreateFromPem(certificatePem, privateKeyPem);

            // Through PKCS#12 so the key is a persisted one: Windows' TLS stack refuses ephemeral keys.
            leaf = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"leaf certificate does not parse: {e.Message}", nameof(certificatePem), e);
        }

        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain)
        {
            if (!certificate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
            {
                intermediates.Add(certificate);
            }
        }

        var uris = UriSans.Read(leaf);
        if (uris.Count != 1 || !SpiffeId.TryParse(uris[0], out var identity))
        {
            throw new ArgumentException("leaf certificate must carry exactly one SPIFFE URI SAN", nameof(certificatePem));
        }

        return new LeafCertificate(leaf, intermediates, identity, certificatePem);
    }
}
