using Parley.Core.ConfigEntries;
using Parley.Core.Connect;
using Parley.Core.Intentions;

namespace Parley.Mesh;

/// <summary>
/// <c>POST /v1/agent/connect/authorize</c>'s decision, with Consul's request checks and texts, but aware of peers: the
/// client certificate's trust domain says who is calling. Our own trust domain is a local caller; a peer trust bundle's
/// trust domain is a caller from that peer (so <c>Sources[].Peer</c> intentions match it, and a peer's same-named
/// service does not pass as ours, which Consul's endpoint allows); any other trust domain is refused.
/// </summary>
/// <remarks>Pure.</remarks>
public static class ConnectAuthorizer
{
    /// <summary>Decides a request.</summary>
    /// <param name="target">The destination service name.</param>
    /// <param name="clientCertUri">The caller's URI SAN.</param>
    /// <param name="localTrustDomain">This cluster's trust domain; null while the CA is not initialised.</param>
    /// <param name="peerTrustDomains">Each peer's local name and trust domain (its stored trust bundle).</param>
    /// <param name="intentions">Every <c>service-intentions</c> entry.</param>
    /// <param name="defaultAllow">The decision when no intention matches (allow while ACLs are off, as Consul).</param>
    public static ConnectAuthorization Authorize(
        string? target,
        string? clientCertUri,
        string? localTrustDomain,
        IEnumerable<(string PeerName, string TrustDomain)> peerTrustDomains,
        IEnumerable<ServiceIntentionsConfigEntry> intentions,
        bool defaultAllow)
    {
        ArgumentNullException.ThrowIfNull(peerTrustDomains);
        ArgumentNullException.ThrowIfNull(intentions);
        if (string.IsNullOrEmpty(target))
        {
            return ConnectAuthorization.Invalid("Target service must be specified");
        }

        if (!SpiffeId.TryParse(clientCertUri, out var id))
        {
            return ConnectAuthorization.Invalid("ClientCertURI not a valid Connect identifier");
        }

        if (id.Kind == SpiffeIdKind.MeshGateway)
        {
            return ConnectAuthorization.Decided(false,
                $"{clientCertUri} is a mesh gateway: a gateway is never an intention source; authorize the service it carries traffic for");
        }

        if (id.Kind != SpiffeIdKind.Service)
        {
            return ConnectAuthorization.Invalid("ClientCertURI not a valid Service identifier");
        }

        if (id.Partition != SpiffeId.DefaultPartition)
        {
            return ConnectAuthorization.Invalid($"Mismatched partitions: \"{id.Partition}\" != \"default\"");
        }

        var peerBundle = peerTrustDomains.FirstOrDefault(p => SpiffeId.SameTrustDomain(p.TrustDomain, id.TrustDomain));
        string peer;
        if (localTrustDomain is not null && SpiffeId.SameTrustDomain(id.TrustDomain, localTrustDomain))
        {
            peer = "";
        }
        else if (peerBundle.PeerName is { Length: > 0 })
        {
            peer = peerBundle.PeerName;
        }
        else
        {
            return ConnectAuthorization.Decided(false,
                $"Client certificate trust domain {id.TrustDomain} is neither this cluster's ({localTrustDomain ?? "not initialised"}) " +
                "nor one of a peer's trust bundles");
        }

        var decision = IntentionMatcher.Decide(
            intentions,
            new IntentionCaller(id.Name, id.Namespace, id.Partition, peer),
            target,
            defaultAllow);
        return ConnectAuthorization.Decided(decision.Allowed, decision.Reason);
    }
}
