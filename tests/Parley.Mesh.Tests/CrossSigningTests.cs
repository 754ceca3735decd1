using System.Security.Cryptography.X509Certificates;

namespace Parley.Mesh.Tests;

/// <summary>
/// A rotation's promise: a leaf of the new root is accepted by a verifier that knows only the old root (through the
/// cross-signed certificate sent with the leaf) and by one that knows the new root.
/// </summary>
public sealed class CrossSigningTests
{
    [Theory]
    [InlineData("ec", 256, "ec", 384)]
    [InlineData("ec", 256, "rsa", 2048)]
    [InlineData("rsa", 4096, "ec", 256)]
    public void LeafOfNewRoot_VerifiesAgainstOldRootThroughCrossSignedAndAgainstNewRoot(
        string oldType,
        int oldBits,
        string newType,
        int newBits)
    {
        var clock = TestCa.Clock();
        using var oldCa = TestCa.Create(clock, keyType: oldType, keyBits: oldBits);
        clock.Advance(TimeSpan.FromHours(1));
        using var newCa = TestCa.Create(clock, keyType: newType, keyBits: newBits);

        var crossSigned = oldCa.CrossSign(newCa.Root);
        using var leaf = newCa.IssueLeafCertificate("dc1", "web").ToPublicCertificate();

        Assert.True(TestCa.Chains(leaf, [oldCa.Root.RootCert], [crossSigned], clock), "old root + cross-signed");
        Assert.True(TestCa.Chains(leaf, [newCa.Root.RootCert], [crossSigned], clock), "new root, cross-signed offered too");
        Assert.True(TestCa.Chains(leaf, [newCa.Root.RootCert], [], clock), "new root alone");
        Assert.False(TestCa.Chains(leaf, [oldCa.Root.RootCert], [], clock), "old root without the cross-signed certificate");
    }

    [Fact]
    public void CrossSigned_IsTheNewRootsSubjectAndKeyIssuedByTheOldRoot()
    {
        var clock = TestCa.Clock();
        using var oldCa = TestCa.Create(clock);
        using var newCa = TestCa.Create(clock, keyType: "rsa", keyBits: 2048);

        using var crossSigned = X509Certificate2.CreateFromPem(oldCa.CrossSign(newCa.Root));
        using var oldRoot = X509Certificate2.CreateFromPem(oldCa.Root.RootCert);
        using var newRoot = X509Certificate2.CreateFromPem(newCa.Root.RootCert);

        Assert.Equal(newRoot.Subject, crossSigned.Subject);
        Assert.Equal(oldRoot.Subject, crossSigned.Issuer);
        Assert.Equal(newRoot.PublicKey.ExportSubjectPublicKeyInfo(), crossSigned.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.True(Assert.Single(crossSigned.Extensions.OfType<X509BasicConstraintsExtension>()).CertificateAuthority);
        var aki = Assert.Single(crossSigned.Extensions.OfType<X509AuthorityKeyIdentifierExtension>());
        Assert.Equal(oldCa.Root.SigningKeyID, CertificateEncoding.ColonHex(aki.KeyIdentifier!.Value.Span));
        Assert.Equal((TestCa.Start - TimeSpan.FromMinutes(1)).UtcDateTime, crossSigned.NotBefore.ToUniversalTime());
        Assert.Equal((TestCa.Start - TimeSpan.FromMinutes(1) + TimeSpan.FromDays(7)).UtcDateTime, crossSigned.NotAfter.ToUniversalTime());
    }
}
