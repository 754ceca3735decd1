namespace Parley.Client;

/// <summary>The body of <c>PUT /v1/catalog/deregister</c>: a whole node, one service instance, or one check.</summary>
public sealed record CatalogDeregistration
{
    /// <summary>The node name. Required.</summary>
    public string Node { get; init; } = "";

    /// <summary>The node address (ignored by current agents).</summary>
    [OmitEmpty]
    public string? Address { get; init; }

    /// <summary>The datacenter; empty means the agent's.</summary>
    [OmitEmpty]
    public string? Datacenter { get; init; }

    /// <summary>Remove only this service instance.</summary>
    [OmitEmpty]
    public string? ServiceID { get; init; }

    /// <summary>Remove only this check.</summary>
    [OmitEmpty]
    public string? CheckID { get; init; }

    /// <summary>The namespace (enterprise only).</summary>
    [OmitEmpty]
    public string? Namespace { get; init; }

    /// <summary>The partition (enterprise only).</summary>
    [OmitEmpty]
    public string? Partition { get; init; }
}
