using System.Text.Json.Nodes;

namespace Parley.Client;

/// <summary>The body of <c>PUT /v1/agent/service/register</c> (Consul's <c>api.AgentServiceRegistration</c>).</summary>
public sealed record AgentServiceRegistration
{
    /// <summary>Empty for a typical service, or <c>connect-proxy</c>, <c>mesh-gateway</c>, ...</summary>
    [OmitEmpty]
    public string? Kind { get; init; }

    /// <summary>The instance ID; defaults to <see cref="Name"/>.</summary>
    [OmitEmpty]
    public string? ID { get; init; }

    /// <summary>The service name. Required.</summary>
    [OmitEmpty]
    public string? Name { get; init; }

    /// <summary>Tags.</summary>
    [OmitEmpty]
    public List<string>? Tags { get; init; }

    /// <summary>The port.</summary>
    [OmitEmpty]
    public int Port { get; init; }

    /// <summary>The address; empty means the node's.</summary>
    [OmitEmpty]
    public string? Address { get; init; }

    /// <summary>A Unix socket path instead of address and port.</summary>
    [OmitEmpty]
    public string? SocketPath { get; init; }

    /// <summary>Addresses by tag.</summary>
    [OmitEmpty]
    public Dictionary<string, ServiceAddress>? TaggedAddresses { get; init; }

    /// <summary>Whether catalog tag edits override the agent's.</summary>
    [OmitEmpty]
    public bool EnableTagOverride { get; init; }

    /// <summary>Metadata.</summary>
    [OmitEmpty]
    public Dictionary<string, string>? Meta { get; init; }

    /// <summary>DNS weights.</summary>
    [OmitEmpty]
    public AgentWeights? Weights { get; init; }

    /// <summary>One check.</summary>
    [OmitEmpty]
    public AgentServiceCheck? Check { get; init; }

    /// <summary>More checks.</summary>
    [OmitEmpty]
    public List<AgentServiceCheck>? Checks { get; init; }

    /// <summary>Proxy configuration (for proxies and gateways).</summary>
    [OmitEmpty]
    public JsonObject? Proxy { get; init; }

    /// <summary>Connect configuration (native, sidecar service).</summary>
    [OmitEmpty]
    public JsonObject? Connect { get; init; }

    /// <summary>The namespace (enterprise only).</summary>
    [OmitEmpty]
    public string? Namespace { get; init; }

    /// <summary>The partition (enterprise only).</summary>
    [OmitEmpty]
    public string? Partition { get; init; }

    /// <summary>The locality.</summary>
    [OmitEmpty]
    public Locality? Locality { get; init; }
}
