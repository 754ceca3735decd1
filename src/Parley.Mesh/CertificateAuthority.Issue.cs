using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Parley.Core;

namespace Parley.Mesh;

public sealed partial class CertificateAuthority
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>How long a cross-signed root is valid: 7 days, as Consul's built-in CA (only needed while old leaves live).</summary>
    public static readonly TimeSpan CrossSignedValidity = TimeSpan.FromDays(7);

    /// <summary>
    /// Issues the certificate the peering TLS listener presents: DNS SAN
    /// <c>server.&lt;dc&gt;.peering.&lt;trust-domain&gt;</c>, server and client auth, fresh P-256 key.
    /// </summary>
    /// <param name="datacenter">This server's datacenter.</param>
    /// <param name="validity">Lifetime; defaults to <see cref="CertificateAuthorityOptions.ServerCertificateValidity"/>.</param>
    public IssuedCertificate IssueServerCertificate(string datacenter, TimeSpan? validity = null)
    {
        var serverName = MeshNames.PeeringServerName(datacenter, TrustDomain);
        return Issue(
            new X500DistinguishedName($"CN={serverName}"),
            SubjectAltNames.ForDnsName(serverName),
            validity ?? _options.ServerCertificateValidity);
    }

    /// <summary>
    /// Issues a service leaf certificate in Consul's shape: empty subject, one critical URI SAN
    /// <c>spiffe://&lt;td&gt;/ns/default/dc/&lt;dc&gt;/svc/&lt;service&gt;</c> and no DNS SAN, client and server auth,
    /// a fresh EC P-256 key whatever the root's key type.
    /// </summary>
    /// <param name="datacenter">The datacenter the service runs in.</param>
    /// <param name="service">The service name.</param>
    /// <param name="validity">Lifetime; defaults to <see cref="CertificateAuthorityOptions.LeafCertificateValidity"/>.</param>
    public IssuedCertificate IssueLeafCertificate(string datacenter, string service, TimeSpan? validity = null) =>
        IssueSpiffe(SpiffeIds.Service(TrustDomain, datacenter, service), validity);

    /// <summary>
    /// Issues a mesh gateway's leaf: as <see cref="IssueLeafCertificate"/>, with URI SAN
    /// <c>spiffe://&lt;td&gt;/gateway/mesh/dc/&lt;dc&gt;</c>.
    /// </summary>
    public IssuedCertificate IssueMeshGatewayCertificate(string datacenter, TimeSpan? validity = null) =>
        IssueSpiffe(SpiffeIds.MeshGateway(TrustDomain, datacenter), validity);

    /// <summary>
    /// The next root, signed by this CA's key (Consul's <c>CrossSignCA</c>): same subject, public key and extensions
    /// as <paramref name="newRoot"/>, issuer and authority key id of this root, valid from a minute ago for
    /// <see cref="CrossSignedValidity"/> (never past this root's expiry). A leaf of the new root then chains to this
    /// root through it.
    /// </summary>
    /// <returns>The cross-signed certificate in PEM.</returns>
    public string CrossSign(CaRoot newRoot)
    {
        ArgumentNullException.ThrowIfNull(newRoot);
        using var certificate = CertificateEncoding.CertificateFromPem(newRoot.RootCert);
        var request = NewRequest(certificate.SubjectName, certificate.PublicKey.ExportSubjectPublicKeyInfo());
        foreach (var extension in certificate.Extensions)
        {
            if (extension is not X509AuthorityKeyIdentifierExtension)
            {
                request.CertificateExtensions.Add(extension);
            }
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(_keyId));
        var (notBefore, notAfter) = Validity(CrossSignedValidity);
        using var crossSigned = request.Create(_certificate.SubjectName, CaKeys.Signer(_key), notBefore, notAfter, NewLeafSerial());
        return CertificateEncoding.ToPem(crossSigned);
    }

    private IssuedCertificate IssueSpiffe(string uri, TimeSpan? validity) =>
        // Go's x509 marks the SAN critical when the subject is empty (RFC 5280 4.2.1.6); Consul's leaves rely on it.
        Issue(new X500DistinguishedName(""), SubjectAltNames.ForUri(uri, critical: true), validity ?? _options.LeafCertificateValidity);

    private IssuedCertificate Issue(X500DistinguishedName subject, X509Extension subjectAltName, TimeSpan validity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);
        var (notBefore, notAfter) = Validity(validity);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = NewRequest(subject, key.ExportSubjectPublicKeyInfo());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement |
            X509KeyUsageFlags.DataEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(ClientAuthOid), new Oid(ServerAuthOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(CaKeys.KeyId(key), false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(_keyId));
        request.CertificateExtensions.Add(subjectAltName);

        var serial = NewLeafSerial();
        using var certificate = request.Create(_certificate.SubjectName, CaKeys.Signer(_key), notBefore, notAfter, serial);
        return new IssuedCertificate
        {
            CertificatePem = CertificateEncoding.ToPem(certificate),
            PrivateKeyPem = CertificateEncoding.ToPem(key),
            SerialNumber = CertificateEncoding.ColonHex(serial),
            NotBefore = notBefore,
            NotAfter = notAfter,
        };
    }

    // From a minute ago (clock skew, as Consul) for the lifetime; never before the root starts or after it ends: the
    // platform refuses such chains (and .NET refuses to create them).
    private (DateTimeOffset NotBefore, DateTimeOffset NotAfter) Validity(TimeSpan lifetime)
    {
        var now = TruncateToSeconds(_timeProvider.GetUtcNow());
        var notBefore = Max(now - _options.ClockSkewAllowance, Root.NotBefore);
        var notAfter = Min(now - _options.ClockSkewAllowance + lifetime, Root.NotAfter);
        if (notAfter <= notBefore)
        {
            throw new ParleyException(ErrorCode.FailedPrecondition, $"CA root {Root.ID} has expired; rotate the CA");
        }

        return (notBefore, notAfter);
    }

    private static byte[] NewLeafSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        serial[0] |= 0x01; // and no leading zero byte, so the DER length is stable
        return serial;
    }
}
