using Parley.Core.DiscoveryChain;
using Parley.Proxy.Config.Inputs;

namespace Parley.Proxy.Gateway;

/// <summary>
/// What <see cref="GatewaySnapshotBuilder"/> made of the inputs: the snapshot (when enough is known) and what to watch next.
/// </summary>
/// <param name="Snapshot">Null until the registration, the roots and the datacenter are known.</param>
/// <param name="Endpoints">The connect instances the routes need watched: exported chains' local targets, imported services.</param>
/// <param name="NeedsLocalServers">The peering control plane goes through the gateways: watch the local servers.</param>
/// <param name="Warnings">What the gateway cannot honour (a chain that does not compile, a target across a boundary, ...).</param>
public sealed record GatewaySnapshotBuild(
    GatewaySnapshot? Snapshot,
    IReadOnlySet<EndpointKey> Endpoints,
    bool NeedsLocalServers,
    IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// The chain of each exported service, by name: pass them to the next build (they stand in for chains that stop compiling).
    /// </summary>
    public IReadOnlyDictionary<string, CompiledDiscoveryChain> Chains { get; init; } = new Dictionary<string, CompiledDiscoveryChain>();
}
