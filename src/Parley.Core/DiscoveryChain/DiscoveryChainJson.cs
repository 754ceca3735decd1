using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain;

/// <summary>
/// Writes a compiled chain in Consul's JSON shape (the value of <c>Chain</c> in the
/// <c>/v1/discovery-chain/:service</c> response; the API adds the wrapping object).
/// </summary>
public static class DiscoveryChainJson
{
    public static JsonObject Encode(CompiledDiscoveryChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var obj = new JsonObject
        {
            ["ServiceName"] = chain.ServiceName,
            ["Namespace"] = chain.Namespace,
            ["Partition"] = chain.Partition,
            ["Datacenter"] = chain.Datacenter,
        };
        obj.OptString("CustomizationHash", chain.CustomizationHash)
            .OptBool("Default", chain.Default)
            .OptString("Protocol", chain.Protocol)
            .OptStringMap("ServiceMeta", chain.ServiceMeta)
            .OptString("StartNode", chain.StartNode)
            .OptMap("Nodes", chain.Nodes, EncodeNode)
            .OptMap("Targets", chain.Targets, EncodeTarget);
        obj["AutoVirtualIPs"] = null;
        obj["ManualVirtualIPs"] = null;
        return obj;
    }

    /// <summary>One node: <c>Type</c>, <c>Name</c>, and its routes, splits or resolver.</summary>
    public static JsonObject EncodeNode(DiscoveryGraphNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var obj = new JsonObject { ["Type"] = node.Type, ["Name"] = node.Name };
        obj.OptList("Routes", node.Routes, r => new JsonObject()
                .OptObject("Definition", ConfigEntryCodec.EncodeRoute(r.Definition))
                .OptString("NextNode", r.NextNode))
            .OptList("Splits", node.Splits, s =>
            {
                var split = new JsonObject().OptObject("Definition", ConfigEntryCodec.EncodeSplit(s.Definition));
                if (s.Weight != 0)
                {
                    split["Weight"] = s.Weight;
                }

                return split.OptString("NextNode", s.NextNode);
            })
            .OptObject("Resolver", node.Resolver is null ? null : EncodeResolver(node.Resolver))
            .OptObject("LoadBalancer", ConfigEntryCodec.EncodeLoadBalancer(node.LoadBalancer));
        return obj;
    }

    /// <summary>One target, with Go's field order and omitempty rules (its structs are always written).</summary>
    public static JsonObject EncodeTarget(DiscoveryTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var obj = new JsonObject()
            .OptString("ID", target.Id)
            .OptString("Service", target.Service)
            .OptString("ServiceSubset", target.ServiceSubset)
            .OptString("Namespace", target.Namespace)
            .OptString("Partition", target.Partition)
            .OptString("Datacenter", target.Datacenter)
            .OptString("Peer", target.Peer);
        obj["MeshGateway"] = ConfigEntryCodec.EncodeMeshGateway(target.MeshGateway);
        obj["Subset"] = ConfigEntryCodec.EncodeSubset(target.Subset);
        obj["TransparentProxy"] = ConfigEntryCodec.EncodeTransparentProxy(target.TransparentProxy);
        return obj.OptDuration("ConnectTimeout", target.ConnectTimeout)
            .OptBool("External", target.External)
            .OptString("SNI", target.Sni)
            .OptString("Name", target.Name);
    }

    private static JsonObject EncodeResolver(DiscoveryResolver resolver) => new JsonObject()
        .OptDuration("ConnectTimeout", resolver.ConnectTimeout)
        .OptBool("Default", resolver.Default)
        .OptNanos("RequestTimeout", resolver.RequestTimeout)
        .OptString("Target", resolver.Target)
        .OptObject("Failover", resolver.Failover is null ? null : new JsonObject()
            .OptStrings("Targets", resolver.Failover.Targets)
            .OptObject("Policy", ConfigEntryCodec.EncodeFailoverPolicy(resolver.Failover.Policy)));
}
