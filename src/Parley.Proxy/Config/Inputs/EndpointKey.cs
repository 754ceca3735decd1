namespace Parley.Proxy.Config.Inputs;

/// <summary>Which connect instances a watch reads: a service's local sidecars, or its synthetic instances from a peer.</summary>
/// <param name="Service">The destination service name.</param>
/// <param name="Peer">The peer it is imported from; empty for local.</param>
public readonly record struct EndpointKey(string Service, string Peer)
{
    /// <summary><c>service</c> or <c>service?peer=p</c>, for logs and watch names.</summary>
    public override string ToString() => Peer.Length == 0 ? Service : $"{Service}?peer={Peer}";
}
