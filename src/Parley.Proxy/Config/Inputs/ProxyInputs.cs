using System.Collections.Immutable;
using Parley.Core.ConfigEntries;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Config.Inputs;

/// <summary>
/// Everything the config source has read from the agent so far, each piece replaced as its watch fires. A
/// <see cref="ProxySnapshot"/> is built from it by <see cref="SnapshotBuilder"/>.
/// </summary>
public sealed record ProxyInputs
{
    /// <summary>This agent's datacenter.</summary>
    public string Datacenter { get; init; } = "";

    /// <summary>The proxy's registration, once read.</summary>
    public ProxyRegistration? Registration { get; init; }

    /// <summary>The leaf of the service the proxy fronts, once read.</summary>
    public LeafCertificate? Leaf { get; init; }

    /// <summary>This cluster's roots (every root, not only the active one), once read.</summary>
    public TrustBundle? LocalRoots { get; init; }

    /// <summary>Every peer's trust bundle: what dialing a peer target trusts (only that peer's).</summary>
    public IReadOnlyList<TrustBundle> PeerBundles { get; init; } = [];

    /// <summary>The bundles of the peers the service is exported to: what the public listener trusts besides local roots.</summary>
    public IReadOnlyList<TrustBundle> InboundPeerBundles { get; init; } = [];

    /// <summary>Config entries by kind (routers, splitters, resolvers, defaults, intentions).</summary>
    public ImmutableDictionary<string, IReadOnlyList<ConfigEntry>> Entries { get; init; } =
        ImmutableDictionary<string, IReadOnlyList<ConfigEntry>>.Empty;

    /// <summary>Connect instances by service (and peer); a key that is missing has not been read yet.</summary>
    public ImmutableDictionary<EndpointKey, IReadOnlyList<EndpointInput>> Endpoints { get; init; } =
        ImmutableDictionary<EndpointKey, IReadOnlyList<EndpointInput>>.Empty;

    /// <summary>This cluster's mesh gateways (for peer targets in mesh gateway mode <c>local</c>), once read.</summary>
    public IReadOnlyList<EndpointInput>? LocalMeshGateways { get; init; }

    /// <summary>The decision when no intention decides: allow unless ACLs default to deny.</summary>
    public bool DefaultAllow { get; init; } = true;
}
