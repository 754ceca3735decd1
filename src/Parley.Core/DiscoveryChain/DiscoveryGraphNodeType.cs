namespace Parley.Core.DiscoveryChain;

/// <summary>The node types of a compiled chain, as Consul spells them.</summary>
public static class DiscoveryGraphNodeType
{
    public const string Router = "router";
    public const string Splitter = "splitter";
    public const string Resolver = "resolver";
}
