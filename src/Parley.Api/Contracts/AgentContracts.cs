using System.Text.Json;

namespace Parley.Api.Contracts;

/// <summary>The body of <c>PUT /v1/agent/service/register</c> (Consul's AgentServiceRegistration).</summary>
public sealed record AgentServiceRegistration
{
    public string? Kind { get; init; }
    public string? ID { get; init; }
    public string? Name { get; init; }
    public List<string>? Tags { get; init; }
    public int Port { get; init; }
    public string? Address { get; init; }
    public string? SocketPath { get; init; }
    public Dictionary<string, Core.Catalog.ServiceAddress>? TaggedAddresses { get; init; }
    public bool EnableTagOverride { get; init; }
    public Dictionary<string, string>? Meta { get; init; }
    public Core.Catalog.ServiceWeights? Weights { get; init; }
    public AgentCheckRegistration? Check { get; init; }
    public List<AgentCheckRegistration>? Checks { get; init; }
    public JsonElement? Proxy { get; init; }
    public JsonElement? Connect { get; init; }
}

/// <summary>A check the agent runs (Consul's AgentServiceCheck / CheckDefinition); durations are Go strings.</summary>
public sealed record AgentCheckRegistration
{
    public string? ID { get; init; }
    public string? CheckID { get; init; }
    public string? Name { get; init; }
    public string? Notes { get; init; }
    public string? Status { get; init; }
    public string? ServiceID { get; init; }
    public string? TTL { get; init; }
    public string? HTTP { get; init; }
    public string? Method { get; init; }
    public Dictionary<string, List<string>>? Header { get; init; }
    public string? Body { get; init; }
    public string? TCP { get; init; }
    public string? Interval { get; init; }
    public string? Timeout { get; init; }
    public bool TLSSkipVerify { get; init; }
    public string? AliasService { get; init; }
    public string? AliasNode { get; init; }
    public string? DeregisterCriticalServiceAfter { get; init; }
}

/// <summary>The body of <c>PUT /v1/agent/check/update/:id</c>.</summary>
public sealed record CheckUpdateRequest
{
    public string? Status { get; init; }
    public string? Output { get; init; }
}
