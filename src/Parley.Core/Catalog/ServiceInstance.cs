namespace Parley.Core.Catalog;

/// <summary>
/// One service instance on a node (Consul's <c>NodeService</c>). Kinds other than typical ("") are
/// <c>connect-proxy</c>, <c>mesh-gateway</c>, <c>terminating-gateway</c>, <c>ingress-gateway</c>, <c>api-gateway</c>.
/// </summary>
public sealed record ServiceInstance
{
    public required string Node { get; init; }
    public string Kind { get; init; } = "";
    public required string ID { get; init; }
    public required string Service { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string Address { get; init; } = "";
    public IReadOnlyDictionary<string, string> TaggedAddresses { get; init; } = Maps.EmptyMap;
    public IReadOnlyDictionary<string, string> Meta { get; init; } = Maps.EmptyMap;
    public int Port { get; init; }
    public string SocketPath { get; init; } = "";
    public ServiceWeights Weights { get; init; } = new();
    public bool EnableTagOverride { get; init; }

    /// <summary>Proxy and Connect blocks are kept as raw JSON until the mesh issue gives them types.</summary>
    public string? ProxyJson { get; init; }
    public string? ConnectJson { get; init; }
    public string PeerName { get; init; } = "";
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }

    /// <summary>True when both describe the same instance, ignoring Raft indexes.</summary>
    public bool SameAs(ServiceInstance o) =>
        Node == o.Node && Kind == o.Kind && ID == o.ID && Service == o.Service && Address == o.Address &&
        Port == o.Port && SocketPath == o.SocketPath && Weights == o.Weights && EnableTagOverride == o.EnableTagOverride &&
        ProxyJson == o.ProxyJson && ConnectJson == o.ConnectJson && PeerName == o.PeerName &&
        Maps.Equal(Tags, o.Tags) && Maps.Equal(TaggedAddresses, o.TaggedAddresses) && Maps.Equal(Meta, o.Meta);
}
