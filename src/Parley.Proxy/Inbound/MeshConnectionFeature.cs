using Parley.Proxy.Tls;

namespace Parley.Proxy.Inbound;

/// <summary>
/// What a verified mTLS connection carries to its requests: who the TLS peer is, and (built on first use) the
/// <c>X-Forwarded-Client-Cert</c> element describing it.
/// </summary>
/// <remarks>Set on the connection's features during the handshake; requests read it through their features.</remarks>
public sealed class MeshConnectionFeature(PeerIdentity peer)
{
    /// <summary>The TLS peer.</summary>
    public PeerIdentity Peer { get; } = peer;

    /// <summary>The XFCC element for this connection, built once (see <see cref="InboundAuthorizer.ForwardedElement"/>).</summary>
    internal string? ForwardedElement { get; set; }
}
