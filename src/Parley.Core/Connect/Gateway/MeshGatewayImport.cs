namespace Parley.Core.Connect.Gateway;

/// <summary>A service imported from a peer, as the local gateway forwards to it (mesh gateway mode <c>local</c>).</summary>
/// <param name="Service">The service name.</param>
/// <param name="Peer">The peer it comes from.</param>
/// <param name="Sni">The SNI the exporter computed for us (<c>PeerMeta.SNI[0]</c> of its synthetic instances).</param>
public sealed record MeshGatewayImport(string Service, string Peer, string Sni);
