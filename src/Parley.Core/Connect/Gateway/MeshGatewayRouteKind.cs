namespace Parley.Core.Connect.Gateway;

/// <summary>What a mesh gateway does with a connection whose TLS ClientHello names a given SNI (consul-mesh §3, §4).</summary>
public enum MeshGatewayRouteKind
{
    /// <summary>
    /// <c>server.&lt;dc&gt;.peering.&lt;local td&gt;</c>: a peer's servers reaching ours (<c>PeerThroughMeshGateways</c>); raw TCP to
    /// the local servers' gRPC TLS port, TLS left to the servers.
    /// </summary>
    LocalPeeringServers,

    /// <summary>A peer's <c>PeerServerName</c>: our servers dialing that peer through us; raw TCP to the peer's server addresses.</summary>
    PeerServers,

    /// <summary>A peered SNI of an exported TCP service: raw TCP to its local sidecars, the caller's mTLS end to end.</summary>
    ExportedTcp,

    /// <summary>
    /// A peered SNI of an exported HTTP service (<c>http</c>, <c>http2</c>, <c>grpc</c>): TLS terminated with the gateway's
    /// leaf, the exporter's chain, XFCC set, mTLS re-originated to the sidecars.
    /// </summary>
    ExportedHttp,

    /// <summary>The SNI of a service imported from a peer (its <c>PeerMeta.SNI</c>): raw TCP to that peer's gateways.</summary>
    Imported,
}
