namespace Parley.Client;

/// <summary>A node and its services, from <c>GET /v1/catalog/node/:node</c>.</summary>
public sealed record CatalogNode
{
    /// <summary>The node.</summary>
    public Node? Node { get; init; }

    /// <summary>Its service instances by ID.</summary>
    public Dictionary<string, AgentService>? Services { get; init; }
}
