namespace Parley.Core.Connect.Gateway;

/// <summary>A peering this cluster dials, whose servers our servers reach through the gateway.</summary>
/// <param name="Peer">The local name of the peering.</param>
/// <param name="ServerName">The peer's <c>PeerServerName</c> (<c>server.&lt;dc&gt;.peering.&lt;peer td&gt;</c>).</param>
public sealed record MeshGatewayPeerServers(string Peer, string ServerName);
