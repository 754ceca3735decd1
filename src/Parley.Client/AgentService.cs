using System.Text.Json.Nodes;

namespace Parley.Client;

/// <summary>A service instance (Consul's <c>api.AgentService</c>), as the agent and catalog endpoints return it.</summary>
public sealed record AgentService
{
    /// <summary>Empty for a typical service, or <c>connect-proxy</c>, <c>mesh-gateway</c>, ...</summary>
    [OmitEmpty]
    public string? Kind { get; init; }

    /// <summary>The instance ID.</summary>
    public string ID { get; init; } = "";

    /// <summary>The service name.</summary>
    public string Service { get; init; } = "";

    /// <summary>Tags.</summary>
    public List<string>? Tags { get; init; }

    /// <summary>Metadata.</summary>
    public Dictionary<string, string>? Meta { get; init; }

    /// <summary>The port.</summary>
    public int Port { get; init; }

    /// <summary>The address; empty means the node's address.</summary>
    public string Address { get; init; } = "";

    /// <summary>A Unix socket path instead of address and port.</summary>
    [OmitEmpty]
    public string? SocketPath { get; init; }

    /// <summary>Addresses by tag (<c>lan</c>, <c>wan</c>, ...).</summary>
    [OmitEmpty]
    public Dictionary<string, ServiceAddress>? TaggedAddresses { get; init; }

    /// <summary>DNS weights.</summary>
    public AgentWeights? Weights { get; init; }

    /// <summary>Whether catalog tag edits override the agent's.</summary>
    public bool EnableTagOverride { get; init; }

    /// <summary>The index that created the instance.</summary>
    [OmitEmpty]
    public ulong CreateIndex { get; init; }

    /// <summary>The index that last changed the instance.</summary>
    [OmitEmpty]
    public ulong ModifyIndex { get; init; }

    /// <summary>A hash of the local definition (agent endpoints only).</summary>
    [OmitEmpty]
    public string? ContentHash { get; init; }

    /// <summary>The proxy configuration of a <c>connect-proxy</c> or gateway.</summary>
    [OmitEmpty]
    public JsonObject? Proxy { get; init; }

    /// <summary>The Connect configuration (native, sidecar, peer metadata).</summary>
    [OmitEmpty]
    public JsonObject? Connect { get; init; }

    /// <summary>The peer this instance was imported from; empty for local instances.</summary>
    [OmitEmpty]
    public string? PeerName { get; init; }

    /// <summary>The namespace (enterprise only).</summary>
    [OmitEmpty]
    public string? Namespace { get; init; }

    /// <summary>The partition (enterprise only).</summary>
    [OmitEmpty]
    public string? Partition { get; init; }

    /// <summary>The datacenter.</summary>
    [OmitEmpty]
    public string? Datacenter { get; init; }

    /// <summary>The locality.</summary>
    [OmitEmpty]
    public Locality? Locality { get; init; }
}
