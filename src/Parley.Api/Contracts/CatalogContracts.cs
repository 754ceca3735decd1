using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Parley.Core.Catalog;
using Parley.Core.Connect;

namespace Parley.Api.Contracts;

// The JSON shapes of Consul's catalog and health endpoints. Field order follows Consul's structs;
// PeerName is omitted when empty, as Consul's omitempty does.

/// <summary>A node as <c>/v1/catalog/nodes</c> and health results show it.</summary>
public sealed record NodeJson(
    string ID,
    string Node,
    string Address,
    string Datacenter,
    IReadOnlyDictionary<string, string>? TaggedAddresses,
    IReadOnlyDictionary<string, string>? Meta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? PeerName,
    long CreateIndex,
    long ModifyIndex)
{
    public static NodeJson From(Node n) => new(
        n.ID, n.Name, n.Address, n.Datacenter, n.TaggedAddresses, n.Meta, Omit(n.PeerName), n.CreateIndex, n.ModifyIndex);

    internal static string? Omit(string value) => value.Length == 0 ? null : value;
}

/// <summary>A service instance as health results and <c>/v1/catalog/node/:node</c> show it (Consul's NodeService).</summary>
public sealed record NodeServiceJson(
    string Kind,
    string ID,
    string Service,
    IReadOnlyList<string> Tags,
    string Address,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, ServiceAddress>? TaggedAddresses,
    IReadOnlyDictionary<string, string> Meta,
    int Port,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? SocketPath,
    ServiceWeights Weights,
    bool EnableTagOverride,
    JsonObject Proxy,
    JsonObject Connect,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? PeerName,
    long CreateIndex,
    long ModifyIndex)
{
    private static readonly ConnectProxyConfig NoProxy = new();

    public static NodeServiceJson From(ServiceInstance s) => new(
        s.Kind, s.ID, s.Service, s.Tags, s.Address, OmitEmpty(s.TaggedAddresses), s.Meta, s.Port,
        NodeJson.Omit(s.SocketPath), s.Weights, s.EnableTagOverride, ProxyOf(s), ConnectOf(s), NodeJson.Omit(s.PeerName),
        s.CreateIndex, s.ModifyIndex);

    /// <summary>
    /// The <c>Proxy</c> block as Consul writes it for every instance (<c>{"Mode":"","MeshGateway":{},"Expose":{}}</c> when none).
    /// </summary>
    internal static JsonObject ProxyOf(ServiceInstance s) => ConnectCodec.EncodeProxy(s.Proxy ?? NoProxy);

    /// <summary>The <c>Connect</c> block as Consul writes it for every instance (<c>{}</c> when none).</summary>
    internal static JsonObject ConnectOf(ServiceInstance s) => ConnectCodec.EncodeConnect(s.Connect);

    /// <summary>Consul's <c>omitempty</c> on service tagged addresses.</summary>
    internal static IReadOnlyDictionary<string, ServiceAddress>? OmitEmpty(IReadOnlyDictionary<string, ServiceAddress> map) =>
        map.Count == 0 ? null : map;
}

/// <summary>One row of <c>/v1/catalog/service/:name</c> (Consul's ServiceNode: node and service flattened).</summary>
public sealed record ServiceNodeJson(
    string ID,
    string Node,
    string Address,
    string Datacenter,
    IReadOnlyDictionary<string, string>? TaggedAddresses,
    IReadOnlyDictionary<string, string>? NodeMeta,
    string ServiceKind,
    string ServiceID,
    string ServiceName,
    IReadOnlyList<string> ServiceTags,
    string ServiceAddress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string,
        Core.Catalog.ServiceAddress>? ServiceTaggedAddresses,
    ServiceWeights ServiceWeights,
    IReadOnlyDictionary<string, string> ServiceMeta,
    int ServicePort,
    string ServiceSocketPath,
    bool ServiceEnableTagOverride,
    JsonObject ServiceProxy,
    JsonObject ServiceConnect,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? PeerName,
    long CreateIndex,
    long ModifyIndex)
{
    public static ServiceNodeJson From(Node n, ServiceInstance s) => new(
        n.ID, n.Name, n.Address, n.Datacenter, n.TaggedAddresses, n.Meta, s.Kind, s.ID, s.Service, s.Tags, s.Address,
        NodeServiceJson.OmitEmpty(s.TaggedAddresses), s.Weights, s.Meta, s.Port, s.SocketPath, s.EnableTagOverride,
        NodeServiceJson.ProxyOf(s), NodeServiceJson.ConnectOf(s), NodeJson.Omit(s.PeerName), s.CreateIndex, s.ModifyIndex);
}

/// <summary>A check as health endpoints show it.</summary>
public sealed record HealthCheckJson(
    string Node,
    string CheckID,
    string Name,
    string Status,
    string Notes,
    string Output,
    string ServiceID,
    string ServiceName,
    IReadOnlyList<string> ServiceTags,
    string Type,
    string Interval,
    string Timeout,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? PeerName,
    long CreateIndex,
    long ModifyIndex)
{
    public static HealthCheckJson From(HealthCheck c)
    {
        var definition = CheckDefinition.FromJson(c.DefinitionJson);
        return new(
            c.Node, c.CheckID, c.Name, c.Status, c.Notes, c.Output, c.ServiceID, c.ServiceName, c.ServiceTags, c.Type,
            definition is { Interval.Ticks: > 0 } ? Core.Go.GoDuration.Format(definition.Interval) : "",
            definition is { Type: "http" or "tcp" } ? Core.Go.GoDuration.Format(definition.Timeout) : "",
            NodeJson.Omit(c.PeerName), c.CreateIndex, c.ModifyIndex);
    }
}

/// <summary>One row of <c>/v1/health/service/:name</c>.</summary>
public sealed record CheckServiceNodeJson(NodeJson Node, NodeServiceJson Service, IReadOnlyList<HealthCheckJson> Checks)
{
    public static CheckServiceNodeJson From(State.Store.CheckServiceNode c) =>
        new(NodeJson.From(c.Node), NodeServiceJson.From(c.Service), [.. c.Checks.Select(HealthCheckJson.From)]);
}
