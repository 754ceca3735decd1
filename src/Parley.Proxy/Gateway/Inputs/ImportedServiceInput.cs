namespace Parley.Proxy.Gateway.Inputs;

/// <summary>One row of <c>/v1/imported-services</c>: a service imported from a peer.</summary>
/// <param name="Service">The service name.</param>
/// <param name="Peer">The peer it comes from.</param>
public sealed record ImportedServiceInput(string Service, string Peer);
