namespace Parley.Client;

/// <summary>The body of <c>PUT /v1/catalog/register</c> (Consul's <c>api.CatalogRegistration</c>).</summary>
public sealed record CatalogRegistration
{
    /// <summary>The node's UUID.</summary>
    [OmitEmpty]
    public string? ID { get; init; }

    /// <summary>The node name. Required.</summary>
    public string Node { get; init; } = "";

    /// <summary>The node address. Required.</summary>
    public string Address { get; init; } = "";

    /// <summary>The node's tagged addresses.</summary>
    [OmitEmpty]
    public Dictionary<string, string>? TaggedAddresses { get; init; }

    /// <summary>The node's metadata.</summary>
    [OmitEmpty]
    public Dictionary<string, string>? NodeMeta { get; init; }

    /// <summary>The datacenter; empty means the agent's.</summary>
    [OmitEmpty]
    public string? Datacenter { get; init; }

    /// <summary>A service instance to register on the node.</summary>
    [OmitEmpty]
    public AgentService? Service { get; init; }

    /// <summary>One check to register.</summary>
    [OmitEmpty]
    public AgentCheck? Check { get; init; }

    /// <summary>More checks to register.</summary>
    [OmitEmpty]
    public List<HealthCheck>? Checks { get; init; }

    /// <summary>Register the service and checks without touching the node's own fields.</summary>
    [OmitEmpty]
    public bool SkipNodeUpdate { get; init; }

    /// <summary>The partition (enterprise only).</summary>
    [OmitEmpty]
    public string? Partition { get; init; }
}
