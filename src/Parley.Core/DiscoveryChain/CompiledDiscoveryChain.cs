namespace Parley.Core.DiscoveryChain;

/// <summary>
/// A compiled discovery chain (Consul's <c>CompiledDiscoveryChain</c>): walk <see cref="Nodes"/> from
/// <see cref="StartNode"/>; resolver nodes name entries of <see cref="Targets"/>.
/// </summary>
public sealed record CompiledDiscoveryChain
{
    public required string ServiceName { get; init; }

    public required string Namespace { get; init; }

    public required string Partition { get; init; }

    public required string Datacenter { get; init; }

    /// <summary>8 hex characters when overrides changed the result; empty otherwise.</summary>
    public string CustomizationHash { get; init; } = "";

    /// <summary>True when no router, splitter or non-default resolver applies.</summary>
    public bool Default { get; init; }

    /// <summary>The protocol shared by every service in the chain (<c>tcp</c> by default).</summary>
    public required string Protocol { get; init; }

    /// <summary>Meta of the service-defaults entry of <see cref="ServiceName"/>.</summary>
    public IReadOnlyDictionary<string, string> ServiceMeta { get; init; } = new Dictionary<string, string>();

    public required string StartNode { get; init; }

    public required IReadOnlyDictionary<string, DiscoveryGraphNode> Nodes { get; init; }

    public required IReadOnlyDictionary<string, DiscoveryTarget> Targets { get; init; }

    /// <summary>Consul's chain ID: <c>&lt;svc&gt;.&lt;ns&gt;.&lt;partition&gt;.&lt;dc&gt;</c> (not serialized).</summary>
    public string Id => DiscoveryTarget.ChainId(ServiceName, "", Namespace, Partition, Datacenter, "");
}
