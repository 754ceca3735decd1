using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Parley.Core;

namespace Parley.Mesh.Tests;

public sealed class CertificateAuthorityTests
{
    [Fact]
    public void Generate_WithClusterId_RootCarriesTrustDomainAndConsulShapedIds()
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock);
        var root = ca.Root;

        Assert.Equal("7c3c5f0e-1111-2222-3333-444444444444.consul", root.TrustDomain);
        Assert.Equal("7c3c5f0e-1111-2222-3333-444444444444", ca.ClusterId);
        Assert.True(root.Active);
        Assert.Equal(CertificateAuthority.RootName, root.Name);
        Assert.Matches("^([0-9a-f]{2}:){19}[0-9a-f]{2}$", root.ID); // SHA-1, colon hex
        Assert.Matches("^([0-9a-f]{2}:){31}[0-9a-f]{2}$", root.SigningKeyID); // SHA-256, colon hex
        Assert.EndsWith("-----END CERTIFICATE-----\n", root.RootCert, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN EC PRIVATE KEY-----", root.PrivateKey, StringComparison.Ordinal);
        Assert.Equal(TestCa.Start - TimeSpan.FromMinutes(1), root.NotBefore);
        Assert.Equal(TestCa.Start + TimeSpan.FromDays(3650), root.NotAfter);
    }

    [Fact]
    public void Generate_Root_IsSelfSignedP256CaWithSpiffeSigningUri()
    {
        using var ca = TestCa.Create(TestCa.Clock());
        using var cert = X509Certificate2.CreateFromPem(ca.Root.RootCert);

        Assert.Equal(cert.Subject, cert.Issuer);
        using var key = cert.GetECDsaPublicKey();
        Assert.NotNull(key);
        Assert.Equal(256, key.KeySize);
        var constraints = Assert.Single(cert.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(constraints.CertificateAuthority);
        var san = Assert.Single(cert.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal("URI:spiffe://7c3c5f0e-1111-2222-3333-444444444444.consul", san.Format(false));
        Assert.Equal(ca.Root.SerialNumber, ulong.Parse(cert.SerialNumber, System.Globalization.NumberStyles.HexNumber));
        Assert.Equal(CertificateEncoding.Fingerprint(cert), ca.Root.ID);
    }

    [Fact]
    public void Generate_WithoutClusterId_GeneratesUuidTrustDomain()
    {
        using var a = CertificateAuthority.Generate(new CertificateAuthorityOptions(), TimeProvider.System);
        using var b = CertificateAuthority.Generate(new CertificateAuthorityOptions(), TimeProvider.System);

        Assert.True(Guid.TryParse(a.ClusterId, out _));
        Assert.NotEqual(a.TrustDomain, b.TrustDomain);
        Assert.NotEqual(a.Root.ID, b.Root.ID);
    }

    [Fact]
    public void Load_StoredRoot_SignsCertificatesThatChainToTheSameRoot()
    {
        var clock = TestCa.Clock();
        using var original = TestCa.Create(clock);
        var stored = original.Root with { CreateIndex = 5, ModifyIndex = 5 };

        using var loaded = CertificateAuthority.Load(stored, clock);
        var issued = loaded.IssueServerCertificate("dc1");

        Assert.Equal(original.Root.ID, loaded.Root.ID);
        Assert.Equal(original.TrustDomain, loaded.TrustDomain);
        using var validator = new PeerCertificateValidator([original.Root.RootCert], "server.dc1.peering." + original.TrustDomain, clock);
        using var cert = issued.ToPublicCertificate();
        Assert.True(validator.TryValidate(cert, null, out var error), error);
    }

    [Fact]
    public void Load_KeyOfAnotherRoot_Throws()
    {
        var clock = TestCa.Clock();
        using var a = TestCa.Create(clock);
        using var b = TestCa.Create(clock);

        var mixed = a.Root with { PrivateKey = b.Root.PrivateKey };

        var e = Assert.Throws<ParleyException>(() => CertificateAuthority.Load(mixed, clock));
        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
    }

    [Fact]
    public void Load_GarbagePem_Throws()
    {
        var clock = TestCa.Clock();
        using var a = TestCa.Create(clock);

        Assert.Throws<ParleyException>(() => CertificateAuthority.Load(a.Root with { RootCert = "not a pem" }, clock));
    }

    [Fact]
    public void IssueServerCertificate_HasPeeringDnsSanAndServerAuth()
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock);

        var issued = ca.IssueServerCertificate("dc1");
        using var cert = issued.ToX509Certificate2();

        Assert.True(cert.HasPrivateKey);
        var san = Assert.Single(cert.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["server.dc1.peering.7c3c5f0e-1111-2222-3333-444444444444.consul"], san.EnumerateDnsNames());
        var eku = Assert.Single(cert.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Contains(eku.EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
        Assert.False(Assert.Single(cert.Extensions.OfType<X509BasicConstraintsExtension>()).CertificateAuthority);
        using var key = cert.GetECDsaPublicKey();
        Assert.Equal(256, key!.KeySize);
        Assert.Equal(TestCa.Start - TimeSpan.FromMinutes(1), issued.NotBefore);
        Assert.Equal(issued.NotBefore + TimeSpan.FromHours(72), issued.NotAfter);
    }

    [Fact]
    public void IssueServerCertificate_IssuedLater_UsesTheClock()
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock);
        clock.Advance(TimeSpan.FromHours(5));

        var issued = ca.IssueServerCertificate("dc1", TimeSpan.FromHours(2));

        Assert.Equal(TestCa.Start + TimeSpan.FromHours(5) - TimeSpan.FromMinutes(1), issued.NotBefore);
        Assert.Equal(issued.NotBefore + TimeSpan.FromHours(2), issued.NotAfter);
    }

    [Fact]
    public void IssueServerCertificate_NearRootExpiry_NeverOutlivesTheRoot()
    {
        var clock = TestCa.Clock();
        using var ca = CertificateAuthority.Generate(
            new CertificateAuthorityOptions { ClusterId = "c1", RootValidity = TimeSpan.FromHours(10) }, clock);
        clock.Advance(TimeSpan.FromHours(9));

        var issued = ca.IssueServerCertificate("dc1");

        Assert.Equal(ca.Root.NotAfter, issued.NotAfter);
    }

    [Fact]
    public void IssueServerCertificate_RootExpired_Throws()
    {
        var clock = TestCa.Clock();
        using var ca = CertificateAuthority.Generate(
            new CertificateAuthorityOptions { ClusterId = "c1", RootValidity = TimeSpan.FromHours(1) }, clock);
        clock.Advance(TimeSpan.FromHours(2));

        var e = Assert.Throws<ParleyException>(() => ca.IssueServerCertificate("dc1"));
        Assert.Equal(ErrorCode.FailedPrecondition, e.Code);
    }

    [Fact]
    public void IssueLeafCertificate_HasConsulsLeafShape()
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock);

        var first = ca.IssueLeafCertificate("dc2", "web");
        var second = ca.IssueLeafCertificate("dc2", "web");
        using var cert = first.ToPublicCertificate();

        // Empty subject, so the one URI SAN is critical; no DNS names.
        Assert.Equal("", cert.Subject);
        var san = Assert.Single(cert.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.True(san.Critical);
        Assert.Equal("URI:spiffe://7c3c5f0e-1111-2222-3333-444444444444.consul/ns/default/dc/dc2/svc/web", san.Format(false));
        Assert.Empty(san.EnumerateDnsNames());
        var eku = Assert.Single(cert.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal(["1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1"], eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        var usage = Assert.Single(cert.Extensions.OfType<X509KeyUsageExtension>());
        Assert.Equal(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement
                | X509KeyUsageFlags.DataEncipherment,
            usage.KeyUsages);
        Assert.False(Assert.Single(cert.Extensions.OfType<X509BasicConstraintsExtension>()).CertificateAuthority);
        using var key = cert.GetECDsaPublicKey();
        Assert.Equal(256, key!.KeySize);
        Assert.Equal(TestCa.Start - TimeSpan.FromMinutes(1), first.NotBefore);
        Assert.Equal(first.NotBefore + TimeSpan.FromHours(72), first.NotAfter);
        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
        Assert.True(TestCa.Chains(cert, [ca.Root.RootCert], [], clock), "the leaf chains to the root");
    }

    [Fact]
    public void IssueMeshGatewayCertificate_CarriesTheGatewaySpiffeId()
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock);

        using var cert = ca.IssueMeshGatewayCertificate("dc3").ToPublicCertificate();

        Assert.Equal("", cert.Subject);
        var san = Assert.Single(cert.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.True(san.Critical);
        Assert.Equal("URI:spiffe://7c3c5f0e-1111-2222-3333-444444444444.consul/gateway/mesh/dc/dc3", san.Format(false));
        Assert.True(TestCa.Chains(cert, [ca.Root.RootCert], [], clock));
    }

    [Fact]
    public void CaRoot_ToString_DoesNotContainThePrivateKey()
    {
        using var ca = TestCa.Create(TestCa.Clock());

        var text = ca.Root.ToString();

        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        Assert.Contains(ca.Root.ID, text, StringComparison.Ordinal);
    }
}
