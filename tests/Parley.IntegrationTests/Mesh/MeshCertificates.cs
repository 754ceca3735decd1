using System.Security.Cryptography.X509Certificates;

namespace Parley.IntegrationTests.Mesh;

/// <summary>Chain checks as a proxy makes them: only the given roots are trusted, the machine's store plays no part.</summary>
internal static class MeshCertificates
{
    public static bool Chains(X509Certificate2 leaf, IEnumerable<string> trustedRoots, IEnumerable<string> intermediates)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        foreach (var pem in trustedRoots)
        {
            chain.ChainPolicy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(pem));
        }

        foreach (var pem in intermediates)
        {
            chain.ChainPolicy.ExtraStore.Add(X509Certificate2.CreateFromPem(pem));
        }

        return chain.Build(leaf);
    }

    /// <summary>The certificates after the first in a PEM chain (a leaf's <c>CertPEM</c>).</summary>
    public static IReadOnlyList<string> Intermediates(string certPem)
    {
        const string End = "-----END CERTIFICATE-----";
        return [.. certPem.Split(End, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim())
            .Where(p => p.Length > 0)
            .Skip(1)
            .Select(p => p + "\n" + End + "\n")];
    }
}
