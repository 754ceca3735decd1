namespace Parley.Core.PreparedQueries;

/// <summary>A prepared query's DNS options (Consul's <c>QueryDNSOptions</c>).</summary>
public sealed record QueryDns
{
    /// <summary>The TTL of its DNS answers as Go duration text; "" for the agent's <c>service_ttl</c>.</summary>
    public string TTL { get; init; } = "";
}
