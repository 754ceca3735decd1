using System.Security.Cryptography.X509Certificates;
using Parley.Core.Connect;
using Parley.Core.Intentions;

namespace Parley.Proxy.Tls;

/// <summary>Who is at the other end of a verified mTLS connection.</summary>
/// <param name="Id">The certificate's SPIFFE ID.</param>
/// <param name="PeerName">The peering whose trust bundle verified it; empty for this cluster's own CA.</param>
/// <param name="Certificate">The verified leaf.</param>
public sealed record PeerIdentity(SpiffeId Id, string PeerName, X509Certificate2 Certificate)
{
    // Built once per handshake, so requests on the connection decide without allocating a caller each.
    private readonly IntentionCaller? _caller = Id.Kind == SpiffeIdKind.Service
        ? new IntentionCaller(Id.Name, Id.Namespace, Id.Partition, PeerName)
        : null;

    /// <summary>The intention caller for a service identity; null for gateways, agents and other kinds.</summary>
    public IntentionCaller? ToCaller() => _caller;
}
