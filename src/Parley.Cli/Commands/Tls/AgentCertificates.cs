using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Cli.Commands.Tls;

/// <summary>
/// The certificates <c>consul tls ca create</c> and <c>consul tls cert create</c> make: an EC P-256 CA, and leaves it
/// signs with Consul's names, key usages and lifetimes. Written as PEM (<c>CERTIFICATE</c>, <c>EC PRIVATE KEY</c>).
/// </summary>
internal static class AgentCertificates
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>A self-signed CA valid for <paramref name="days"/> days, named <paramref name="commonName"/> or Consul's default.</summary>
    public static (string CertificatePem, string KeyPem) CreateCa(int days, string? commonName, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serial = Serial();
        var name = commonName is { Length: > 0 } ? commonName : "Consul Agent CA " + new System.Numerics.BigInteger(
            serial, isUnsigned: true, isBigEndian: true);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("US");
        subject.AddStateOrProvinceName("CA");
        subject.AddLocalityName("San Francisco");
        subject.AddOrganizationName("HashiCorp Inc.");
        subject.AddCommonName(name);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        var ski = new X509SubjectKeyIdentifierExtension(request.PublicKey, false);
        request.CertificateExtensions.Add(ski);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski));
        var now = time.GetUtcNow();
        using var issuerless = request.Create(
            subject.Build(), X509SignatureGenerator.CreateForECDsa(key), now.AddMinutes(-1), now.AddDays(days), serial);
        return (issuerless.ExportCertificatePem(), key.ExportECPrivateKeyPem());
    }

    /// <summary>A leaf signed by the CA: <paramref name="commonName"/>, the DNS names and IPs as SANs, the given usages.</summary>
    /// <exception cref="CryptographicException">The CA certificate or key is not usable PEM.</exception>
    public static (string CertificatePem, string KeyPem) CreateLeaf(
        string caPem, string caKeyPem, string commonName, IEnumerable<string> dnsNames, IEnumerable<IPAddress> ips, bool serverAuth,
        int days, TimeProvider time)
    {
        using var ca = X509Certificate2.CreateFromPem(caPem, caKeyPem);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(commonName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames)
        {
            sans.AddDnsName(dns);
        }

        foreach (var ip in ips)
        {
            sans.AddIpAddress(ip);
        }

        request.CertificateExtensions.Add(sans.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(serverAuth ? [ServerAuth, ClientAuth] : [ClientAuth], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var now = time.GetUtcNow();
        var notAfter = now.AddDays(days) < ca.NotAfter ? now.AddDays(days) : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        using var caKey = ca.GetECDsaPrivateKey() ?? throw new CryptographicException("the CA key is not an EC key");
        using var leaf = request.Create(
            ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-1), notAfter, Serial());
        return (leaf.ExportCertificatePem(), key.ExportECPrivateKeyPem());
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}
