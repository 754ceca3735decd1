using Parley.Core.ConfigEntries;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Config;

/// <summary>
/// The reads a proxy makes of its local agent, each a blocking query: pass the index of the last answer to wait for a
/// change (0 answers at once), get the value and its index. <c>ClientAgentReads</c> implements them over the
/// public HTTP API; tests substitute an in-memory agent.
/// </summary>
/// <remarks>Implementations are thread-safe; a read that fails throws (the watch retries it).</remarks>
public interface IAgentReads
{
    /// <summary>The agent's datacenter.</summary>
    Task<string> DatacenterAsync(CancellationToken cancellationToken);

    /// <summary>The proxy's registration with central config merged (<c>/v1/agent/service/:id</c>); null when it is gone.</summary>
    Task<(ProxyRegistration? Value, ulong Index)> ProxyAsync(string proxyId, ulong index, TimeSpan wait,
        CancellationToken cancellationToken);

    /// <summary>The leaf of a service (<c>/v1/agent/connect/ca/leaf/:service</c>).</summary>
    Task<(LeafCertificate Value, ulong Index)> LeafAsync(string service, ulong index, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>This cluster's roots, all of them (<c>/v1/agent/connect/ca/roots</c>).</summary>
    Task<(TrustBundle Value, ulong Index)> RootsAsync(ulong index, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>
    /// Peers' trust bundles (<c>/v1/agent/connect/ca/peer-trust-bundles</c>); with <paramref name="service"/>, the peers it is exported to.
    /// </summary>
    Task<(IReadOnlyList<TrustBundle> Value, ulong Index)> PeerBundlesAsync(
        string? service, ulong index, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>The config entries of one kind (<c>/v1/config/:kind</c>), decoded.</summary>
    Task<(IReadOnlyList<ConfigEntry> Value, ulong Index)> ConfigEntriesAsync(
        string kind, ulong index, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>The connect instances of a service (<c>/v1/health/connect/:service</c>, with <c>?peer=</c> for a peer's).</summary>
    Task<(IReadOnlyList<EndpointInput> Value, ulong Index)> ConnectEndpointsAsync(
        EndpointKey key, ulong index, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>This cluster's mesh gateways (<c>/v1/health/kind/mesh-gateway</c>).</summary>
    Task<(IReadOnlyList<EndpointInput> Value, ulong Index)> MeshGatewaysAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken);
}
