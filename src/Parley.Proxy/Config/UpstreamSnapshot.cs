using Parley.Core.Connect;
using Parley.Core.DiscoveryChain.Execution;

namespace Parley.Proxy.Config;

/// <summary>
/// One upstream listener and what its traffic follows: the executable chain (a single peer target for a peer
/// upstream, which has no chain in Consul) and every target the chain may name.
/// </summary>
public sealed record UpstreamSnapshot
{
    /// <summary>The upstream as registered.</summary>
    public required Upstream Upstream { get; init; }

    /// <summary>
    /// <c>tcp</c>, <c>http</c>, <c>http2</c> or <c>grpc</c>: the chain's (or, for a peer upstream, the exporter's) protocol.
    /// </summary>
    public required string Protocol { get; init; }

    /// <summary>Routers, splitters and resolvers to execute per request or connection.</summary>
    public required ChainPlan Plan { get; init; }

    /// <summary>Every target of <see cref="Plan"/>, by target ID; a target missing here has no endpoints yet.</summary>
    public IReadOnlyDictionary<string, TargetSnapshot> Targets { get; init; } = new Dictionary<string, TargetSnapshot>();

    /// <summary>Consul's upstream identifier, e.g. <c>backend?peer=cluster-01</c>.</summary>
    public string Id => Upstream.Identifier;
}
