namespace Parley.Client;

/// <summary>A node and its services as a list, from <c>GET /v1/catalog/node-services/:node</c>.</summary>
public sealed record CatalogNodeServiceList
{
    /// <summary>The node.</summary>
    public Node? Node { get; init; }

    /// <summary>Its service instances.</summary>
    public List<AgentService>? Services { get; init; }
}
