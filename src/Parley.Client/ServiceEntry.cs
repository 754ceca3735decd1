namespace Parley.Client;

/// <summary>One instance with its node and checks, from <c>GET /v1/health/service/:name</c>.</summary>
public sealed record ServiceEntry
{
    /// <summary>The node.</summary>
    public Node? Node { get; init; }

    /// <summary>The service instance.</summary>
    public AgentService? Service { get; init; }

    /// <summary>The node's and the instance's checks.</summary>
    public List<HealthCheck>? Checks { get; init; }
}
