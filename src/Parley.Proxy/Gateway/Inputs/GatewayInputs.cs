using System.Collections.Immutable;
using Parley.Core.ConfigEntries;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Gateway.Inputs;

/// <summary>
/// Everything the gateway's config source has read from the agent so far, each piece replaced as its watch fires. A
/// <see cref="GatewaySnapshot"/> is built from it by <see cref="GatewaySnapshotBuilder"/>.
/// </summary>
public sealed record GatewayInputs
{
    /// <summary>This agent's datacenter.</summary>
    public string Datacenter { get; init; } = "";

    /// <summary>The gateway's registration (kind <c>mesh-gateway</c>), once read.</summary>
    public ProxyRegistration? Registration { get; init; }

    /// <summary>The gateway's leaf (<c>leaf-kind/mesh-gateway</c>), once read.</summary>
    public LeafCertificate? Leaf { get; init; }

    /// <summary>This cluster's roots, once read.</summary>
    public TrustBundle? LocalRoots { get; init; }

    /// <summary>Every peer's trust bundle.</summary>
    public IReadOnlyList<TrustBundle> PeerBundles { get; init; } = [];

    /// <summary>Config entries by kind (defaults, resolvers, splitters, routers, <c>mesh</c>).</summary>
    public ImmutableDictionary<string, IReadOnlyList<ConfigEntry>> Entries { get; init; } =
        ImmutableDictionary<string, IReadOnlyList<ConfigEntry>>.Empty;

    /// <summary>What this cluster exports, and to whom.</summary>
    public IReadOnlyList<ExportedServiceInput> Exports { get; init; } = [];

    /// <summary>What this cluster imports, and from whom.</summary>
    public IReadOnlyList<ImportedServiceInput> Imports { get; init; } = [];

    /// <summary>Connect instances by service (local sidecars) and by service and peer (a peer's synthetic instances).</summary>
    public ImmutableDictionary<EndpointKey, IReadOnlyList<EndpointInput>> Endpoints { get; init; } =
        ImmutableDictionary<EndpointKey, IReadOnlyList<EndpointInput>>.Empty;

    /// <summary>This cluster's servers at their gRPC TLS port, once read (only watched with <c>PeerThroughMeshGateways</c>).</summary>
    public IReadOnlyList<EndpointInput>? LocalServers { get; init; }

    /// <summary>The peerings this cluster dials.</summary>
    public IReadOnlyList<PeerServersInput> PeerServers { get; init; } = [];
}
