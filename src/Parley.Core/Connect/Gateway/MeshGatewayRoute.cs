namespace Parley.Core.Connect.Gateway;

/// <summary>One SNI a mesh gateway serves and what it means.</summary>
/// <param name="Kind">What the gateway does with it.</param>
/// <param name="Sni">The server name, as the table was given it.</param>
/// <param name="Service">The exported or imported service; empty for server routes.</param>
/// <param name="Peer">
/// The consumer peer whose SNI this is (exported), the peer the service comes from (imported), or the peer dialed
/// (<see cref="MeshGatewayRouteKind.PeerServers"/>); empty for <see cref="MeshGatewayRouteKind.LocalPeeringServers"/>.
/// </param>
/// <param name="Protocol">The exporter's protocol of the service; <c>tcp</c> for everything else.</param>
public sealed record MeshGatewayRoute(MeshGatewayRouteKind Kind, string Sni, string Service = "", string Peer = "", string Protocol = "tcp")
{
    /// <summary>True when the gateway only looks at the SNI and pipes the still-encrypted bytes.</summary>
    public bool IsPassthrough => Kind != MeshGatewayRouteKind.ExportedHttp;
}
