using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Mesh.Tests;

public sealed class PeerCertificateValidatorTests
{
    private const string ClusterId = "7c3c5f0e-1111-2222-3333-444444444444";
    private const string ServerName = "server.dc1.peering." + ClusterId + ".consul";

    [Fact]
    public void TryValidate_ServerCertFromPeerCa_Accepts()
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock);
        using var cert = ca.IssueServerCertificate("dc1").ToPublicCertificate();
        using var validator = new PeerCertificateValidator([ca.Root.RootCert], ServerName, clock);

        Assert.True(validator.TryValidate(cert, null, out var error), error);
        Assert.Null(error);
    }

    [Fact]
    public void TryValidate_ServerNameDiffersOnlyInCase_Accepts()
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock);
        using var cert = ca.IssueServerCertificate("dc1").ToPublicCertificate();
        using var validator = new PeerCertificateValidator([ca.Root.RootCert], ServerName.ToUpperInvariant(), clock);

        Assert.True(validator.TryValidate(cert, null, out var error), error);
    }

    [Fact]
    public void TryValidate_CertFromAnotherCa_RejectsAsUnknownAuthority()
    {
        var clock = TestCa.Clock();
        using var trusted = TestCa.Create(clock);
        using var other = TestCa.Create(clock); // same cluster id, different key: only the key matters
        using var cert = other.IssueServerCertificate("dc1").ToPublicCertificate();
        using var validator = new PeerCertificateValidator([trusted.Root.RootCert], ServerName, clock);

        Assert.False(validator.TryValidate(cert, null, out var error));
        Assert.Equal("x509: certificate signed by unknown authority", error);
    }

    [Fact]
    public void TryValidate_AnyOfSeveralRoots_Accepts()
    {
        var clock = TestCa.Clock();
        using var old = TestCa.Create(clock);
        using var current = TestCa.Create(clock);
        using var cert = current.IssueServerCertificate("dc1").ToPublicCertificate();
        using var validator = new PeerCertificateValidator([old.Root.RootCert, current.Root.RootCert], ServerName, clock);

        Assert.True(validator.TryValidate(cert, null, out var error), error);
    }

    [Fact]
    public void TryValidate_WrongServerName_RejectsNamingBoth()
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock);
        using var cert = ca.IssueServerCertificate("dc2").ToPublicCertificate();
        using var validator = new PeerCertificateValidator([ca.Root.RootCert], ServerName, clock);

        Assert.False(validator.TryValidate(cert, null, out var error));
        Assert.Equal($"x509: certificate is valid for server.dc2.peering.{ClusterId}.consul, not {ServerName}", error);
    }

    [Fact]
    public void TryValidate_LeafWithoutDnsNames_Rejects()
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock);
        using var cert = ca.IssueLeafCertificate("dc1", "web").ToPublicCertificate();
        using var validator = new PeerCertificateValidator([ca.Root.RootCert], ServerName, clock);

        Assert.False(validator.TryValidate(cert, null, out var error));
        Assert.Equal($"x509: certificate is not valid for any names, but wanted to match {ServerName}", error);
    }

    [Fact]
    public void TryValidate_Expired_RejectsWithGoText()
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock);
        using var cert = ca.IssueServerCertificate("dc1", TimeSpan.FromHours(1)).ToPublicCertificate();
        using var validator = new PeerCertificateValidator([ca.Root.RootCert], ServerName, clock);
        clock.Advance(TimeSpan.FromHours(2));

        Assert.False(validator.TryValidate(cert, null, out var error));
        Assert.Equal(
            "x509: certificate has expired or is not yet valid: current time 2025-03-01T14:00:00Z is after 2025-03-01T12:59:00Z",
            error);
    }

    [Fact]
    public void TryValidate_SelfSignedCertWithTheRightName_Rejects()
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + ServerName, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(ServerName);
        request.CertificateExtensions.Add(san.Build());
        using var forged = request.CreateSelfSigned(TestCa.Start.AddDays(-1), TestCa.Start.AddDays(1));
        using var validator = new PeerCertificateValidator([ca.Root.RootCert], ServerName, clock);

        Assert.False(validator.TryValidate(forged, null, out var error));
        Assert.Equal("x509: certificate signed by unknown authority", error);
    }

    [Fact]
    public void TryValidate_NoCertificate_Rejects()
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock);
        using var validator = new PeerCertificateValidator([ca.Root.RootCert], ServerName, clock);

        Assert.False(validator.TryValidate(null, null, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Constructor_NoCa_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PeerCertificateValidator([], ServerName, TimeProvider.System));
    }

    [Fact]
    public void Constructor_GarbageCa_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => new PeerCertificateValidator(
            ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"], ServerName, TimeProvider.System));
    }
}
