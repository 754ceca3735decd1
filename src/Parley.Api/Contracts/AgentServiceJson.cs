using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Parley.Core.Catalog;
using Parley.Core.Connect;

namespace Parley.Api.Contracts;

/// <summary>
/// A service as the agent's endpoints show it (Consul's <c>api.AgentService</c>): no Raft indexes, <c>Proxy</c> only on
/// proxies and gateways (with central config merged in), <c>Connect</c> only when native, and on
/// <c>/v1/agent/service/:id</c> a <c>ContentHash</c> of everything else.
/// </summary>
public sealed record AgentServiceJson(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind,
    string ID,
    string Service,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Meta,
    int Port,
    string Address,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SocketPath,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, ServiceAddress>? TaggedAddresses,
    ServiceWeights Weights,
    bool EnableTagOverride,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContentHash,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? Proxy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? Connect,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PeerName,
    string Datacenter)
{
    /// <summary>The view of <paramref name="s"/> whose effective Proxy block is <paramref name="resolvedProxy"/>.</summary>
    public static AgentServiceJson From(ServiceInstance s, ConnectProxyConfig? resolvedProxy, string datacenter)
    {
        ArgumentNullException.ThrowIfNull(s);
        JsonObject? proxy = null;
        if (s.Kind == ServiceKinds.ConnectProxy || ServiceKinds.IsGateway(s.Kind))
        {
            proxy = ConnectCodec.EncodeProxy(resolvedProxy ?? new ConnectProxyConfig());
            if (proxy["Mode"] is JsonValue mode && mode.ToString().Length == 0)
            {
                // The api package's proxy config omits an empty Mode.
                proxy.Remove("Mode");
            }
        }

        return new AgentServiceJson(
            NodeJson.Omit(s.Kind), s.ID, s.Service, s.Tags, s.Meta, s.Port, s.Address, NodeJson.Omit(s.SocketPath),
            NodeServiceJson.OmitEmpty(s.TaggedAddresses), s.Weights, s.EnableTagOverride, null, proxy,
            s.Connect?.Native == true ? new JsonObject { ["Native"] = true } : null, NodeJson.Omit(s.PeerName), datacenter);
    }

    /// <summary>This view with its <see cref="ContentHash"/>: a hash of all its other fields, which changes when any does.</summary>
    public AgentServiceJson WithContentHash()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(this with { ContentHash = null }, Http.ApiJson.Compact);
        return this with { ContentHash = Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)) };
    }
}
