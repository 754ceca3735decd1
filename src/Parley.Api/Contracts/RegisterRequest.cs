using System.Text.Json;

namespace Parley.Api.Contracts;

/// <summary>The body of <c>PUT /v1/catalog/register</c> (Consul's RegisterRequest). Keys are matched case-insensitively.</summary>
public sealed record RegisterRequest
{
    public string? ID { get; init; }
    public string? Node { get; init; }
    public string? Address { get; init; }
    public string? Datacenter { get; init; }
    public Dictionary<string, string>? TaggedAddresses { get; init; }
    public Dictionary<string, string>? NodeMeta { get; init; }
    public ServiceRegistration? Service { get; init; }
    public CheckRegistration? Check { get; init; }
    public List<CheckRegistration>? Checks { get; init; }
    public bool SkipNodeUpdate { get; init; }
    public string? PeerName { get; init; }
}

/// <summary>A service inside a catalog registration (Consul's NodeService).</summary>
public sealed record ServiceRegistration
{
    public string? Kind { get; init; }
    public string? ID { get; init; }
    public string? Service { get; init; }
    public List<string>? Tags { get; init; }
    public string? Address { get; init; }
    public Dictionary<string, Core.Catalog.ServiceAddress>? TaggedAddresses { get; init; }
    public Dictionary<string, string>? Meta { get; init; }
    public int Port { get; init; }
    public string? SocketPath { get; init; }
    public Core.Catalog.ServiceWeights? Weights { get; init; }
    public bool EnableTagOverride { get; init; }
    public JsonElement? Proxy { get; init; }
    public JsonElement? Connect { get; init; }
}

/// <summary>A check inside a catalog registration (Consul's HealthCheck).</summary>
public sealed record CheckRegistration
{
    public string? Node { get; init; }
    public string? CheckID { get; init; }
    public string? Name { get; init; }
    public string? Status { get; init; }
    public string? Notes { get; init; }
    public string? Output { get; init; }
    public string? ServiceID { get; init; }
    public string? Type { get; init; }
    public JsonElement? Definition { get; init; }
}

/// <summary>The body of <c>PUT /v1/catalog/deregister</c>.</summary>
public sealed record DeregisterRequest
{
    public string? Node { get; init; }
    public string? Datacenter { get; init; }
    public string? ServiceID { get; init; }
    public string? CheckID { get; init; }
    public string? PeerName { get; init; }
}
