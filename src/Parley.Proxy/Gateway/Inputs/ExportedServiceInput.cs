namespace Parley.Proxy.Gateway.Inputs;

/// <summary>One row of <c>/v1/exported-services</c>: a service and the peers it is exported to.</summary>
/// <param name="Service">The service name.</param>
/// <param name="Peers">The consumer peers (their local peering names).</param>
public sealed record ExportedServiceInput(string Service, IReadOnlyList<string> Peers);
