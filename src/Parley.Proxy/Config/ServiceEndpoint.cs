namespace Parley.Proxy.Config;

/// <summary>An address a target's traffic may be sent to: a sidecar, or a mesh gateway on the way to a peer.</summary>
/// <param name="Address">An IP address or host name.</param>
/// <param name="Port">The port.</param>
/// <param name="Healthy">Whether it may receive traffic (Consul's endpoint health: no critical check).</param>
/// <param name="Weight">Its share among the target's healthy endpoints (1..128).</param>
public sealed record ServiceEndpoint(string Address, int Port, bool Healthy = true, int Weight = 1)
{
    /// <summary><c>host:port</c>, with IPv6 addresses bracketed.</summary>
    public override string ToString() => Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
