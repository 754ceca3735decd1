namespace Parley.Client;

/// <summary>A catalog node (Consul's <c>api.Node</c>).</summary>
public sealed record Node
{
    /// <summary>The node's UUID.</summary>
    public string ID { get; init; } = "";

    /// <summary>The node name.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("Node")]
    public string Name { get; init; } = "";

    /// <summary>The node address.</summary>
    public string Address { get; init; } = "";

    /// <summary>The datacenter.</summary>
    public string Datacenter { get; init; } = "";

    /// <summary>Addresses by tag (<c>lan</c>, <c>wan</c>, ...).</summary>
    public Dictionary<string, string>? TaggedAddresses { get; init; }

    /// <summary>Node metadata.</summary>
    public Dictionary<string, string>? Meta { get; init; }

    /// <summary>The index that created the node.</summary>
    public ulong CreateIndex { get; init; }

    /// <summary>The index that last changed the node.</summary>
    public ulong ModifyIndex { get; init; }

    /// <summary>The partition (enterprise only).</summary>
    [OmitEmpty]
    public string? Partition { get; init; }

    /// <summary>The peer the node was imported from; empty for local nodes.</summary>
    [OmitEmpty]
    public string? PeerName { get; init; }

    /// <summary>The locality.</summary>
    [OmitEmpty]
    public Locality? Locality { get; init; }
}
