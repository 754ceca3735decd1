namespace Parley.Proxy.Gateway.Inputs;

/// <summary>A peering this cluster dials (<c>/v1/peerings</c>): where the peer's servers are and the name they present.</summary>
/// <param name="Peer">The local name of the peering.</param>
/// <param name="ServerName">The peer's <c>PeerServerName</c>.</param>
/// <param name="Addresses">The peer's <c>PeerServerAddresses</c> (<c>host:port</c>).</param>
public sealed record PeerServersInput(string Peer, string ServerName, IReadOnlyList<string> Addresses);
