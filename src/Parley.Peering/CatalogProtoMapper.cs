using System.Text.Json.Nodes;
using Google.Protobuf.Collections;
using Parley.Core.Catalog;
using Parley.Core.Connect;

namespace Parley.Peering;

/// <summary>
/// Converts catalog records to the peer-stream messages and back. Raft indexes are not carried (the exporter
/// zeroes them, the importer assigns its own); everything else round-trips.
/// </summary>
/// <remarks>
/// Map entries are written in ordinal key order, so equal records encode to equal bytes — the stream compares
/// payload hashes to skip resending unchanged data.
/// </remarks>
public static class CatalogProtoMapper
{
    /// <summary>One instance with its node and checks.</summary>
    public static V1.CheckServiceNode ToProto(Node node, ServiceInstance service, IEnumerable<HealthCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var message = new V1.CheckServiceNode { Node = ToProto(node), Service = ToProto(service) };
        message.Checks.AddRange(checks.Select(ToProto));
        return message;
    }

    /// <summary>The node, service and checks of a received instance. The service's node is the node's name.</summary>
    public static (Node Node, ServiceInstance Service, IReadOnlyList<HealthCheck> Checks) FromProto(V1.CheckServiceNode message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var node = FromProto(message.Node ?? new V1.Node());
        var service = FromProto(message.Service ?? new V1.Service(), node.Name);
        return (node, service, message.Checks.Select(FromProto).ToList());
    }

    public static V1.Node ToProto(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var message = new V1.Node
        {
            Id = node.ID,
            Name = node.Name,
            Address = node.Address,
            Datacenter = node.Datacenter,
            PeerName = node.PeerName,
        };
        AddSorted(message.TaggedAddresses, node.TaggedAddresses);
        AddSorted(message.Meta, node.Meta);
        return message;
    }

    public static Node FromProto(V1.Node message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new Node
        {
            ID = message.Id,
            Name = message.Name,
            Address = message.Address,
            Datacenter = message.Datacenter,
            TaggedAddresses = ToDictionary(message.TaggedAddresses),
            Meta = ToDictionary(message.Meta),
            PeerName = message.PeerName,
        };
    }

    public static V1.Service ToProto(ServiceInstance service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var message = new V1.Service
        {
            Kind = service.Kind,
            Id = service.ID,
            Service_ = service.Service,
            Address = service.Address,
            Port = service.Port,
            SocketPath = service.SocketPath,
            Weights = new V1.Weights { Passing = service.Weights.Passing, Warning = service.Weights.Warning },
            EnableTagOverride = service.EnableTagOverride,
            PeerName = service.PeerName,
        };
        message.Tags.AddRange(service.Tags);
        foreach (var key in service.TaggedAddresses.Keys.Order(StringComparer.Ordinal))
        {
            var address = service.TaggedAddresses[key];
            message.TaggedAddresses[key] = new V1.ServiceAddress { Address = address.Address, Port = address.Port };
        }

        AddSorted(message.Meta, service.Meta);
        if (service.Proxy is { } proxy)
        {
            message.ProxyJson = Sorted(ConnectCodec.EncodeProxy(proxy))!.ToJsonString();
        }

        if (service.Connect is { } connect)
        {
            message.ConnectJson = Sorted(ConnectCodec.EncodeConnect(connect))!.ToJsonString();
        }

        return message;
    }

    /// <param name="message">The received service.</param>
    /// <exception cref="InvalidDataException">The Proxy or Connect block cannot be decoded.</exception>
    /// <param name="nodeName">The name of the node it runs on (the enclosing instance's node).</param>
    public static ServiceInstance FromProto(V1.Service message, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ServiceInstance
        {
            Node = nodeName,
            Kind = message.Kind,
            ID = message.Id,
            Service = message.Service_,
            Tags = message.Tags.ToList(),
            Address = message.Address,
            TaggedAddresses = message.TaggedAddresses.Count == 0
                ? ServiceAddress.EmptyMap
                : message.TaggedAddresses.ToDictionary(
                    p => p.Key, p => new ServiceAddress(p.Value.Address, p.Value.Port), StringComparer.Ordinal),
            Meta = ToDictionary(message.Meta),
            Port = message.Port,
            SocketPath = message.SocketPath,
            Weights = message.Weights is { } w ? new ServiceWeights(w.Passing, w.Warning) : new ServiceWeights(),
            EnableTagOverride = message.EnableTagOverride,
            Proxy = message.HasProxyJson ? Block(message.ProxyJson, "proxy", raw => ConnectCodec.DecodeProxy(raw)) : null,
            Connect = message.HasConnectJson ? Block(message.ConnectJson, "connect", raw => ConnectCodec.DecodeConnect(raw, out _)) : null,
            PeerName = message.PeerName,
        };
    }

    public static V1.HealthCheck ToProto(HealthCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var message = new V1.HealthCheck
        {
            Node = check.Node,
            CheckId = check.CheckID,
            Name = check.Name,
            Status = check.Status,
            Notes = check.Notes,
            Output = check.Output,
            ServiceId = check.ServiceID,
            ServiceName = check.ServiceName,
            Type = check.Type,
            PeerName = check.PeerName,
        };
        message.ServiceTags.AddRange(check.ServiceTags);
        if (check.DefinitionJson is not null)
        {
            message.DefinitionJson = check.DefinitionJson;
        }

        return message;
    }

    public static HealthCheck FromProto(V1.HealthCheck message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new HealthCheck
        {
            Node = message.Node,
            CheckID = message.CheckId,
            Name = message.Name,
            Status = message.Status,
            Notes = message.Notes,
            Output = message.Output,
            ServiceID = message.ServiceId,
            ServiceName = message.ServiceName,
            ServiceTags = message.ServiceTags.ToList(),
            Type = message.Type,
            DefinitionJson = message.HasDefinitionJson ? message.DefinitionJson : null,
            PeerName = message.PeerName,
        };
    }

    /// <summary>
    /// A copy with every object's keys in ordinal order: blocks that are equal (opaque <c>Config</c> maps included,
    /// whatever order their keys were registered in) encode to equal bytes.
    /// </summary>
    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(
            obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    /// <summary>Decodes a received Proxy or Connect block.</summary>
    /// <exception cref="InvalidDataException">The block is not a JSON object, or a field has the wrong type.</exception>
    private static T Block<T>(string json, string name, Func<JsonObject, T> decode)
    {
        try
        {
            return decode(JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"the {name} block is not a JSON object"));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or Core.ConfigEntries.ConfigEntryDecodeException)
        {
            throw new InvalidDataException($"the {name} block cannot be decoded: {e.Message}", e);
        }
    }

    private static void AddSorted(MapField<string, string> target, IReadOnlyDictionary<string, string>? source)
    {
        if (source is null)
        {
            return;
        }

        foreach (var key in source.Keys.Order(StringComparer.Ordinal))
        {
            target[key] = source[key];
        }
    }

    private static IReadOnlyDictionary<string, string> ToDictionary(MapField<string, string> map) =>
        map.Count == 0 ? Maps.EmptyMap : new Dictionary<string, string>(map, StringComparer.Ordinal);
}
