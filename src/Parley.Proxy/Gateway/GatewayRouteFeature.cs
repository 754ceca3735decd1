namespace Parley.Proxy.Gateway;

/// <summary>The terminating route a connection's ClientHello chose; set before the TLS handshake, read by it and by requests.</summary>
/// <param name="Sni">The server name the caller sent.</param>
/// <param name="Route">The route at the time of the ClientHello.</param>
internal sealed record GatewayRouteFeature(string Sni, TerminatingRoute Route);
