using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using Parley.Core.Connect;

namespace Parley.Proxy.Tls;

/// <summary>
/// The roots a proxy trusts, keyed by trust domain (Envoy's SPIFFE validator, as Consul configures it): a certificate
/// is accepted only when its URI SAN names a trust domain in the store and its chain ends in that trust domain's roots,
/// so a peer's CA can never vouch for an identity in this cluster's (or another peer's) trust domain.
/// </summary>
/// <remarks>Immutable and thread-safe; a change of roots or bundles makes a new store.</remarks>
public sealed class TrustStore
{
    private readonly Dictionary<string, TrustBundle> _bundles;

    /// <summary>A store of the given bundles; a later bundle for the same trust domain replaces an earlier one.</summary>
    public TrustStore(IEnumerable<TrustBundle> bundles)
    {
        ArgumentNullException.ThrowIfNull(bundles);
        _bundles = new Dictionary<string, TrustBundle>(StringComparer.OrdinalIgnoreCase);
        foreach (var bundle in bundles)
        {
            _bundles[bundle.TrustDomain] = bundle;
        }
    }

    /// <summary>A store that trusts nothing.</summary>
    public static TrustStore Empty { get; } = new([]);

    /// <summary>The bundles, one per trust domain.</summary>
    public IEnumerable<TrustBundle> Bundles => _bundles.Values;

    /// <summary>The bundle of a trust domain.</summary>
    public bool TryGetBundle(string trustDomain, [NotNullWhen(true)] out TrustBundle? bundle) =>
        _bundles.TryGetValue(trustDomain, out bundle);

    /// <summary>The peer whose trust domain this is: empty for the local one, null when unknown.</summary>
    public string? PeerNameOf(string trustDomain) => _bundles.TryGetValue(trustDomain, out var b) ? b.PeerName : null;

    /// <summary>
    /// Verifies a presented certificate: exactly one URI SAN that is a SPIFFE ID, its trust domain in the store, and a
    /// chain from the certificate through <paramref name="intermediates"/> to one of that trust domain's roots, valid
    /// at <paramref name="now"/>. The machine's trust store plays no part; revocation is not checked (Consul has none).
    /// </summary>
    /// <param name="certificate">The presented leaf.</param>
    /// <param name="intermediates">The other certificates the remote sent; may be null.</param>
    /// <param name="now">The verification time.</param>
    /// <param name="identity">Who the certificate names, when it is accepted.</param>
    /// <param name="error">Why it was refused.</param>
    public bool TryValidate(
        X509Certificate2? certificate,
        X509Certificate2Collection? intermediates,
        DateTimeOffset now,
        [NotNullWhen(true)] out PeerIdentity? identity,
        [NotNullWhen(false)] out string? error)
    {
        identity = null;
        if (certificate is null)
        {
            error = "no certificate presented";
            return false;
        }

        var uris = UriSans.Read(certificate);
        if (uris.Count != 1 || !SpiffeId.TryParse(uris[0], out var id))
        {
            error = uris.Count == 0 ? "certificate has no URI SAN" : $"certificate URI SAN is not a SPIFFE ID: {string.Join(", ", uris)}";
            return false;
        }

        if (!_bundles.TryGetValue(id.TrustDomain, out var bundle))
        {
            error = $"no trusted roots for trust domain {id.TrustDomain} ({id.Uri})";
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(bundle.Roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (intermediates is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        }

        if (!chain.Build(certificate))
        {
            var status = chain.ChainStatus.Length > 0
                ? string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct())
                : "chain did not build";
            error = $"certificate {id.Uri} is not signed by the roots of {id.TrustDomain}: {status}";
            return false;
        }

        identity = new PeerIdentity(id, bundle.PeerName, certificate);
        error = null;
        return true;
    }

    /// <summary>
    /// The certificates a remote sent besides its leaf, from the chain TLS built while validating against the machine's
    /// store: the elements after the leaf and the chain's extra store (where .NET puts what the remote sent).
    /// </summary>
    public static X509Certificate2Collection IntermediatesOf(X509Chain? chain, X509Certificate2 leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var collection = new X509Certificate2Collection();
        if (chain is null)
        {
            return collection;
        }

        collection.AddRange(chain.ChainPolicy.ExtraStore);
        foreach (var element in chain.ChainElements)
        {
            if (!element.Certificate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
            {
                collection.Add(element.Certificate);
            }
        }

        return collection;
    }
}
