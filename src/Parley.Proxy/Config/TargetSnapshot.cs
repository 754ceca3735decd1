using Parley.Proxy.Tls;

namespace Parley.Proxy.Config;

/// <summary>
/// A chain target ready to dial (one Envoy cluster): how to verify it, how long a dial may take, and its endpoints
/// with their health and weights.
/// </summary>
public sealed record TargetSnapshot
{
    /// <summary>The chain's target ID, e.g. <c>backend.default.default.dc1</c> or <c>backend.default.default.external.p</c>.</summary>
    public required string Id { get; init; }

    /// <summary>SNI, expected SANs and trusted roots.</summary>
    public required ClientTlsSettings Tls { get; init; }

    /// <summary>The resolver's connect timeout (5 s by default).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Every known endpoint, healthy or not (the unhealthy ones receive no traffic).</summary>
    public IReadOnlyList<ServiceEndpoint> Endpoints { get; init; } = [];

    /// <summary>True when some endpoint may receive traffic.</summary>
    public bool HasHealthyEndpoints
    {
        get
        {
            foreach (var endpoint in Endpoints)
            {
                if (endpoint.Healthy)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
