using Parley.Core.Connect;

namespace Parley.Core.Catalog;

/// <summary>
/// One service instance on a node (Consul's <c>NodeService</c>). Kinds other than typical ("") are
/// <c>connect-proxy</c>, <c>mesh-gateway</c>, <c>terminating-gateway</c>, <c>ingress-gateway</c>, <c>api-gateway</c>
/// (<see cref="ServiceKinds"/>).
/// </summary>
public sealed record ServiceInstance
{
    public required string Node { get; init; }
    public string Kind { get; init; } = "";
    public required string ID { get; init; }
    public required string Service { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string Address { get; init; } = "";

    /// <summary>Addresses under tags such as <c>lan</c>, <c>wan</c>, <c>lan_ipv4</c>, each with its own port.</summary>
    public IReadOnlyDictionary<string, ServiceAddress> TaggedAddresses { get; init; } = ServiceAddress.EmptyMap;
    public IReadOnlyDictionary<string, string> Meta { get; init; } = Maps.EmptyMap;
    public int Port { get; init; }
    public string SocketPath { get; init; } = "";
    public ServiceWeights Weights { get; init; } = new();
    public bool EnableTagOverride { get; init; }

    /// <summary>The proxy block of a <c>connect-proxy</c> or gateway; null when the registration gave none (or an empty one).</summary>
    public ConnectProxyConfig? Proxy { get; init; }

    /// <summary>The Connect block (native, peer meta); null when the registration gave none (or an empty one).</summary>
    public ServiceConnect? Connect { get; init; }
    public string PeerName { get; init; } = "";
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }

    /// <summary>True when both describe the same instance, ignoring Raft indexes.</summary>
    public bool SameAs(ServiceInstance o) =>
        Node == o.Node && Kind == o.Kind && ID == o.ID && Service == o.Service && Address == o.Address &&
        Port == o.Port && SocketPath == o.SocketPath && Weights == o.Weights && EnableTagOverride == o.EnableTagOverride &&
        PeerName == o.PeerName && ConnectCodec.Same(Proxy, o.Proxy) && ConnectCodec.Same(Connect, o.Connect) &&
        Maps.Equal(Tags, o.Tags) && ServiceAddress.MapsEqual(TaggedAddresses, o.TaggedAddresses) && Maps.Equal(Meta, o.Meta);
}
