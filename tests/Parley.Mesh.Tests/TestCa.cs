using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;

namespace Parley.Mesh.Tests;

/// <summary>A CA on a fake clock, for tests.</summary>
internal static class TestCa
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Start);

    public static CertificateAuthority Create(
        TimeProvider clock, string clusterId = "7c3c5f0e-1111-2222-3333-444444444444", string keyType = "ec", int keyBits = 256) =>
        CertificateAuthority.Generate(
            new CertificateAuthorityOptions { ClusterId = clusterId, PrivateKeyType = keyType, PrivateKeyBits = keyBits }, clock);

    /// <summary>
    /// Whether <paramref name="leaf"/> chains to one of <paramref name="trusted"/>, using <paramref name="intermediates"/>.
    /// </summary>
    public static bool Chains(X509Certificate2 leaf, IEnumerable<string> trusted, IEnumerable<string> intermediates, TimeProvider clock)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = clock.GetUtcNow().UtcDateTime;
        foreach (var pem in trusted)
        {
            chain.ChainPolicy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(pem));
        }

        foreach (var pem in intermediates)
        {
            chain.ChainPolicy.ExtraStore.Add(X509Certificate2.CreateFromPem(pem));
        }

        return chain.Build(leaf);
    }
}
