using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Parley.Core.Connect;
using Parley.Core.Intentions;
using Parley.Proxy.Config;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Inbound;

/// <summary>
/// Who a request or connection comes from, as intentions see it (consul-mesh §5): the TLS peer's SPIFFE ID, except
/// when the TLS peer is this cluster's own mesh gateway, which terminated a peer caller's mTLS and names that caller
/// in the first element of <c>X-Forwarded-Client-Cert</c>; its trust domain maps to the peer through the trust
/// bundles. XFCC from anyone else is never trusted.
/// </summary>
/// <remarks>Pure and thread-safe.</remarks>
public static class InboundAuthorizer
{
    /// <summary>The caller; null when the identity is none intentions can name (then the default decision applies).</summary>
    /// <param name="tlsPeer">The verified TLS peer.</param>
    /// <param name="forwardedClientCert">The request's XFCC header, if any.</param>
    /// <param name="localTrustDomain">This cluster's trust domain.</param>
    /// <param name="trust">The inbound trust store (its bundles name the peers).</param>
    public static IntentionCaller? ResolveCaller(
        PeerIdentity tlsPeer, string? forwardedClientCert, string localTrustDomain, TrustStore trust)
    {
        ArgumentNullException.ThrowIfNull(tlsPeer);
        ArgumentNullException.ThrowIfNull(trust);
        if (!IsLocalMeshGateway(tlsPeer.Id, localTrustDomain))
        {
            return tlsPeer.ToCaller();
        }

        var uri = ForwardedClientCert.FirstUri(forwardedClientCert);
        if (!SpiffeId.TryParse(uri, out var original) || original.Kind != SpiffeIdKind.Service)
        {
            return null;
        }

        var peer = SpiffeId.SameTrustDomain(original.TrustDomain, localTrustDomain) ? "" : trust.PeerNameOf(original.TrustDomain);
        return peer is null ? null : new IntentionCaller(original.Name, original.Namespace, original.Partition, peer);
    }

    /// <summary>Decides one request (L7) or connection (<paramref name="request"/> null) against the snapshot's intentions.</summary>
    public static IntentionDecision Decide(ProxySnapshot snapshot, IntentionCaller? caller, HttpRequestInfo? request)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Intentions.Decide(caller, request);
    }

    /// <summary>True for <c>spiffe://&lt;local td&gt;/gateway/mesh/dc/...</c>.</summary>
    public static bool IsLocalMeshGateway(SpiffeId id, string localTrustDomain)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Kind == SpiffeIdKind.MeshGateway && SpiffeId.SameTrustDomain(id.TrustDomain, localTrustDomain);
    }

    /// <summary>
    /// The XFCC element the destination sidecar appends (Consul's <c>APPEND_FORWARD</c> with subject, cert, chain, DNS
    /// and URI): <c>By=&lt;our URI&gt;;Hash=&lt;sha256&gt;;Cert="…";Chain="…";Subject="";URI=&lt;TLS peer URI&gt;</c>.
    /// </summary>
    public static string ForwardedElement(string localUri, PeerIdentity tlsPeer, IEnumerable<X509Certificate2>? chain = null)
    {
        ArgumentNullException.ThrowIfNull(tlsPeer);
        var certificate = tlsPeer.Certificate;
        var certPem = Pem(certificate);
        var chainPem = certPem + string.Concat((chain ?? []).Select(Pem));
        return ForwardedClientCert.Format(new ForwardedClientCertElement
        {
            By = localUri,
            Hash = Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span)),
            Cert = certPem,
            Chain = chainPem,
            Subject = certificate.SubjectName.Name,
            Uri = tlsPeer.Id.Uri,
        });
    }

    private static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";
}
