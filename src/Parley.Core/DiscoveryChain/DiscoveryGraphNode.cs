using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain;

/// <summary>One node of a compiled chain: a router (routes), a splitter (splits) or a resolver (a target and its failover).</summary>
public sealed class DiscoveryGraphNode
{
    internal DiscoveryGraphNode(string type, string name)
    {
        Type = type;
        Name = name;
    }

    /// <summary><c>router</c>, <c>splitter</c> or <c>resolver</c>.</summary>
    public string Type { get; }

    /// <summary>For resolvers the target ID; for routers and splitters <c>&lt;svc&gt;.&lt;ns&gt;.&lt;partition&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>The key of this node in <see cref="CompiledDiscoveryChain.Nodes"/>: <c>&lt;type&gt;:&lt;name&gt;</c>.</summary>
    public string MapKey => $"{Type}:{Name}";

    public IReadOnlyList<DiscoveryRoute> Routes => RouteList;

    public IReadOnlyList<DiscoverySplit> Splits => SplitList;

    public DiscoveryResolver? Resolver { get; internal set; }

    /// <summary>The resolver's load balancer, or for a splitter the first hash-based one among its legs.</summary>
    public LoadBalancer? LoadBalancer { get; internal set; }

    internal List<DiscoveryRoute> RouteList { get; } = [];

    internal List<DiscoverySplit> SplitList { get; set; } = [];
}
