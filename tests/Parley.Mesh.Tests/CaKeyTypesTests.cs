using System.Security.Cryptography.X509Certificates;
using Parley.Core;

namespace Parley.Mesh.Tests;

public sealed class CaKeyTypesTests
{
    [Theory]
    [InlineData("ec", 224)]
    [InlineData("ec", 256)]
    [InlineData("ec", 384)]
    [InlineData("ec", 521)]
    [InlineData("rsa", 2048)]
    [InlineData("rsa", 4096)]
    public void Generate_EachSupportedKey_RootRecordsItAndSignsP256Leaves(string type, int bits)
    {
        var clock = TestCa.Clock();
        using var ca = TestCa.Create(clock, keyType: type, keyBits: bits);

        Assert.Equal(type, ca.Root.PrivateKeyType);
        Assert.Equal(bits, ca.Root.PrivateKeyBits);
        Assert.StartsWith(
            type == "ec" ? "-----BEGIN EC PRIVATE KEY-----" : "-----BEGIN RSA PRIVATE KEY-----",
            ca.Root.PrivateKey,
            StringComparison.Ordinal);
        using var root = X509Certificate2.CreateFromPem(ca.Root.RootCert);
        Assert.Equal(bits, type == "ec" ? root.GetECDsaPublicKey()!.KeySize : root.GetRSAPublicKey()!.KeySize);

        using var leaf = ca.IssueLeafCertificate("dc1", "web").ToPublicCertificate();
        Assert.Equal(256, leaf.GetECDsaPublicKey()!.KeySize);
        Assert.True(TestCa.Chains(leaf, [ca.Root.RootCert], [], clock));
    }

    [Theory]
    [InlineData("ec", 384)]
    [InlineData("rsa", 2048)]
    public void Load_StoredRootOfEitherKeyType_SignsLeavesThatChainToIt(string type, int bits)
    {
        var clock = TestCa.Clock();
        using var original = TestCa.Create(clock, keyType: type, keyBits: bits);

        using var loaded = CertificateAuthority.Load(original.Root, clock);
        using var leaf = loaded.IssueLeafCertificate("dc1", "api").ToPublicCertificate();

        Assert.True(TestCa.Chains(leaf, [original.Root.RootCert], [], clock));
    }

    [Fact]
    public void Import_KeyOnly_MakesARootForThatKey()
    {
        var clock = TestCa.Clock();
        using var source = TestCa.Create(clock, keyType: "rsa", keyBits: 2048);

        using var imported = CertificateAuthority.Import(
            source.Root.PrivateKey, null, new CertificateAuthorityOptions { ClusterId = "c1" }, clock);

        Assert.Equal(source.Root.SigningKeyID, imported.Root.SigningKeyID);
        Assert.NotEqual(source.Root.RootCert, imported.Root.RootCert);
        Assert.Equal(("rsa", 2048), (imported.Root.PrivateKeyType, imported.Root.PrivateKeyBits));
        Assert.Equal("c1.consul", imported.TrustDomain);
    }

    [Fact]
    public void Import_KeyAndRootCert_KeepsTheOperatorsCertificate()
    {
        var clock = TestCa.Clock();
        using var source = TestCa.Create(clock);

        using var imported = CertificateAuthority.Import(
            source.Root.PrivateKey, source.Root.RootCert, new CertificateAuthorityOptions(), clock);
        using var leaf = imported.IssueLeafCertificate("dc1", "web").ToPublicCertificate();

        Assert.Equal(source.Root.ID, imported.Root.ID);
        Assert.Equal(source.Root.SerialNumber, imported.Root.SerialNumber);
        Assert.True(TestCa.Chains(leaf, [source.Root.RootCert], [], clock));
    }

    [Fact]
    public void Import_CertOfAnotherKey_IsRefused()
    {
        var clock = TestCa.Clock();
        using var a = TestCa.Create(clock);
        using var b = TestCa.Create(clock);

        var e = Assert.Throws<ParleyException>(
            () => CertificateAuthority.Import(a.Root.PrivateKey, b.Root.RootCert, new CertificateAuthorityOptions(), clock));

        Assert.Equal("the private key does not match the root cert", e.Message);
    }

    [Fact]
    public void Import_GarbageKey_IsRefusedWithTheReason()
    {
        var e = Assert.Throws<ParleyException>(
            () => CertificateAuthority.Import("nope", null, new CertificateAuthorityOptions(), TimeProvider.System));

        Assert.Equal("error parsing private key: no PEM-encoded data found", e.Message);
    }
}
