using System.Text.Json.Nodes;

namespace Parley.Client;

/// <summary>One instance as <c>GET /v1/catalog/service/:name</c> returns it (Consul's <c>api.CatalogService</c>).</summary>
public sealed record CatalogService
{
    /// <summary>The node's UUID.</summary>
    public string ID { get; init; } = "";

    /// <summary>The node name.</summary>
    public string Node { get; init; } = "";

    /// <summary>The node address.</summary>
    public string Address { get; init; } = "";

    /// <summary>The datacenter.</summary>
    public string Datacenter { get; init; } = "";

    /// <summary>The node's tagged addresses.</summary>
    public Dictionary<string, string>? TaggedAddresses { get; init; }

    /// <summary>The node's metadata.</summary>
    public Dictionary<string, string>? NodeMeta { get; init; }

    /// <summary>The instance ID.</summary>
    public string ServiceID { get; init; } = "";

    /// <summary>The service name.</summary>
    public string ServiceName { get; init; } = "";

    /// <summary>The instance address; empty means the node's.</summary>
    public string ServiceAddress { get; init; } = "";

    /// <summary>The instance's tagged addresses.</summary>
    public Dictionary<string, ServiceAddress>? ServiceTaggedAddresses { get; init; }

    /// <summary>The instance's tags.</summary>
    public List<string>? ServiceTags { get; init; }

    /// <summary>The instance's metadata.</summary>
    public Dictionary<string, string>? ServiceMeta { get; init; }

    /// <summary>The instance's port.</summary>
    public int ServicePort { get; init; }

    /// <summary>The instance's DNS weights.</summary>
    public AgentWeights? ServiceWeights { get; init; }

    /// <summary>Whether catalog tag edits override the agent's.</summary>
    public bool ServiceEnableTagOverride { get; init; }

    /// <summary>The proxy configuration of a proxy instance.</summary>
    public JsonObject? ServiceProxy { get; init; }

    /// <summary>The Connect configuration of the instance (native, peer metadata); decode with <c>ConnectCodec</c>.</summary>
    public JsonObject? ServiceConnect { get; init; }

    /// <summary>The index that created the instance.</summary>
    public ulong CreateIndex { get; init; }

    /// <summary>Checks of the instance, when the agent includes them.</summary>
    public List<HealthCheck>? Checks { get; init; }

    /// <summary>The index that last changed the instance.</summary>
    public ulong ModifyIndex { get; init; }

    /// <summary>The namespace (enterprise only).</summary>
    [OmitEmpty]
    public string? Namespace { get; init; }

    /// <summary>The partition (enterprise only).</summary>
    [OmitEmpty]
    public string? Partition { get; init; }

    /// <summary>The peer the instance was imported from; empty for local instances.</summary>
    [OmitEmpty]
    public string? PeerName { get; init; }
}
