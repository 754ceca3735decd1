using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Consensus.Tests;

/// <summary>A throwaway certificate authority issuing server certificates, as <c>parley tls cert create</c> does.</summary>
internal sealed class TestPki : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestPki(string name = "Parley Test CA")
    {
        var request = new CertificateRequest("CN=" + name, _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    public X509Certificate2 Root { get; }

    /// <summary>A leaf with the DNS names given, 127.0.0.1, and both server and client authentication.</summary>
    public X509Certificate2 Issue(params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + dnsNames[0], key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            sans.AddDnsName(name);
        }

        sans.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(sans.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(Root, DateTimeOffset.UtcNow.AddMinutes(-1), Root.NotAfter.AddMinutes(-1), serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Server-port TLS as an agent with verify_incoming, verify_outgoing and verify_server_hostname builds it.</summary>
    public ServerPortTls ServerTls(X509Certificate2 certificate, string serverName = "server.dc1.consul") => new()
    {
        Certificate = certificate,
        TrustedRoots = [Root],
        VerifyIncoming = true,
        VerifyOutgoing = true,
        ServerName = serverName,
    };

    public void Dispose()
    {
        Root.Dispose();
        _key.Dispose();
    }
}
