using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Proxy.Tls;

/// <summary>The CA roots of one trust domain: this cluster's (<see cref="PeerName"/> empty) or a peer's.</summary>
/// <remarks>Immutable once built; the collection is never modified after construction.</remarks>
public sealed class TrustBundle
{
    /// <summary>A bundle of roots.</summary>
    /// <param name="trustDomain">The trust domain the roots sign for (<c>&lt;cluster-id&gt;.consul</c>).</param>
    /// <param name="peerName">The local name of the peering the bundle came from; empty for this cluster.</param>
    /// <param name="roots">The root certificates (all of them during a rotation).</param>
    public TrustBundle(string trustDomain, string peerName, X509Certificate2Collection roots)
    {
        ArgumentException.ThrowIfNullOrEmpty(trustDomain);
        ArgumentNullException.ThrowIfNull(peerName);
        ArgumentNullException.ThrowIfNull(roots);
        TrustDomain = trustDomain;
        PeerName = peerName;
        Roots = roots;
    }

    public string TrustDomain { get; }

    /// <summary>Empty for this cluster's own roots.</summary>
    public string PeerName { get; }

    public X509Certificate2Collection Roots { get; }

    /// <summary>True for this cluster's own roots.</summary>
    public bool IsLocal => PeerName.Length == 0;

    /// <summary>Reads PEM roots (each PEM may hold several certificates).</summary>
    /// <exception cref="ArgumentException">A PEM does not parse, or none holds a certificate.</exception>
    public static TrustBundle FromPems(string trustDomain, string peerName, IEnumerable<string> rootPems)
    {
        ArgumentNullException.ThrowIfNull(rootPems);
        var roots = new X509Certificate2Collection();
        try
        {
            foreach (var pem in rootPems)
            {
                roots.ImportFromPem(pem);
            }
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"roots of {trustDomain} do not parse: {e.Message}", nameof(rootPems), e);
        }

        if (roots.Count == 0)
        {
            throw new ArgumentException($"no root certificate for {trustDomain}", nameof(rootPems));
        }

        return new TrustBundle(trustDomain, peerName, roots);
    }
}
