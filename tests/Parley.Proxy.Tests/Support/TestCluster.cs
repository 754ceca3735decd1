using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Parley.Core.Connect;
using Parley.Mesh;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Tests.Support;

/// <summary>
/// One cluster's Connect CA for tests: the real <see cref="CertificateAuthority"/> issues service leaves; gateway
/// leaves, intermediates and forgeries are signed here with the root's key, as a CA would sign them.
/// </summary>
internal sealed class TestCluster : IDisposable
{
    private readonly X509Certificate2 _rootWithKey;

    public TestCluster(string datacenter = "dc1", TimeProvider? timeProvider = null)
    {
        Datacenter = datacenter;
        Ca = CertificateAuthority.Generate(new CertificateAuthorityOptions(), timeProvider ?? TimeProvider.System);
        _rootWithKey = X509Certificate2.CreateFromPem(Ca.Root.RootCert, Ca.Root.PrivateKey);
    }

    public CertificateAuthority Ca { get; }

    public string Datacenter { get; }

    public string TrustDomain => Ca.TrustDomain;

    public string ServiceId(string service) => SpiffeId.ForService(TrustDomain, Datacenter, service);

    public string GatewayId => SpiffeId.ForMeshGateway(TrustDomain, Datacenter);

    public string Sni(string service) => $"{service}.default.{Datacenter}.internal.{TrustDomain}";

    /// <summary>A service leaf from the real CA.</summary>
    public LeafCertificate Leaf(string service, TimeSpan? validity = null)
    {
        var issued = Ca.IssueLeafCertificate(Datacenter, service, validity);
        return LeafCertificate.FromPem(issued.CertificatePem, issued.PrivateKeyPem);
    }

    /// <summary>This cluster's mesh gateway leaf (<c>spiffe://td/gateway/mesh/dc/dc</c>).</summary>
    public LeafCertificate GatewayLeaf() => Sign(GatewayId, _rootWithKey, []);

    /// <summary>A leaf for <paramref name="uri"/> signed by this cluster's root, whatever trust domain it names.</summary>
    public LeafCertificate Forge(string uri) => Sign(uri, _rootWithKey, []);

    /// <summary>A leaf signed by an intermediate CA under the root; the intermediate travels in the leaf's PEM.</summary>
    public LeafCertificate LeafThroughIntermediate(string service)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Parley test intermediate", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(_rootWithKey, now.AddMinutes(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
        using var intermediate = signed.CopyWithPrivateKey(key);
        return Sign(ServiceId(service), intermediate, [intermediate]);
    }

    /// <summary>This cluster's roots as a trust bundle (<paramref name="peerName"/> set when another cluster holds it).</summary>
    public TrustBundle Bundle(string peerName = "") => TrustBundle.FromPems(TrustDomain, peerName, [Ca.Root.RootCert]);

    public void Dispose()
    {
        _rootWithKey.Dispose();
        Ca.Dispose();
    }

    private static LeafCertificate Sign(string uri, X509Certificate2 issuer, X509Certificate2[] chain)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(UriSan(uri));
        var now = DateTimeOffset.UtcNow;
        var notAfter = issuer.NotAfter < now.AddDays(1) ? issuer.NotAfter : now.AddDays(1);
        using var certificate = request.Create(issuer, now.AddMinutes(-1), notAfter, RandomNumberGenerator.GetBytes(12));
        var pem = PemEncoding.WriteString("CERTIFICATE", certificate.RawData) + "\n" +
            string.Concat(chain.Select(c => PemEncoding.WriteString("CERTIFICATE", c.RawData) + "\n"));
        return LeafCertificate.FromPem(pem, key.ExportECPrivateKeyPem());
    }

    private static X509Extension UriSan(string uri)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteCharacterString(UniversalTagNumber.IA5String, uri, new Asn1Tag(TagClass.ContextSpecific, 6));
        }

        return new X509Extension("2.5.29.17", writer.Encode(), critical: true);
    }
}
