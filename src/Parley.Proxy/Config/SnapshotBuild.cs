using Parley.Core.DiscoveryChain;
using Parley.Proxy.Config.Inputs;

namespace Parley.Proxy.Config;

/// <summary>What <see cref="SnapshotBuilder"/> made of the inputs: the snapshot (when enough is known) and what to watch next.</summary>
/// <param name="Snapshot">Null until the registration, the leaf, the roots and the datacenter are known.</param>
/// <param name="Endpoints">The connect instances every chain target needs watched.</param>
/// <param name="NeedsLocalMeshGateways">Some peer target goes through this cluster's mesh gateways (mode <c>local</c>).</param>
/// <param name="Warnings">Things the proxy cannot honour (a chain that does not compile, a prepared-query upstream, ...).</param>
public sealed record SnapshotBuild(
    ProxySnapshot? Snapshot,
    IReadOnlySet<EndpointKey> Endpoints,
    bool NeedsLocalMeshGateways,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The chain each upstream runs, by upstream identifier: pass them to the next build.</summary>
    public IReadOnlyDictionary<string, CompiledDiscoveryChain> Chains { get; init; } = new Dictionary<string, CompiledDiscoveryChain>();
}
