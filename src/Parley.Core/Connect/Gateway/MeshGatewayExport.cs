namespace Parley.Core.Connect.Gateway;

/// <summary>A service this cluster exports, as its gateway routes it.</summary>
/// <param name="Service">The service name.</param>
/// <param name="Protocol">The protocol of its discovery chain here (the exporter's); empty means <c>tcp</c>.</param>
/// <param name="Peers">The peers it is exported to (their local peering names).</param>
public sealed record MeshGatewayExport(string Service, string Protocol, IReadOnlyList<string> Peers);
