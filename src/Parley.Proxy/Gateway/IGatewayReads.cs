using Parley.Proxy.Config;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Gateway.Inputs;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Gateway;

/// <summary>
/// The reads a mesh gateway makes of its agent besides a sidecar's (<see cref="IAgentReads"/>): its own leaf, what is
/// exported and imported, the servers behind the peering control plane and the peerings this cluster dials. Each is a
/// blocking query over the public HTTP API; tests substitute an in-memory agent.
/// </summary>
/// <remarks>Implementations are thread-safe; a read that fails throws (the watch retries it).</remarks>
public interface IGatewayReads : IAgentReads
{
    /// <summary>The gateway's leaf (<c>/v1/agent/connect/ca/leaf-kind/mesh-gateway</c>).</summary>
    Task<(LeafCertificate Value, ulong Index)> MeshGatewayLeafAsync(ulong index, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>The exported services and their consumer peers (<c>/v1/exported-services</c>).</summary>
    Task<(IReadOnlyList<ExportedServiceInput> Value, ulong Index)> ExportedServicesAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken);

    /// <summary>The services imported from peers (<c>/v1/imported-services</c>).</summary>
    Task<(IReadOnlyList<ImportedServiceInput> Value, ulong Index)> ImportedServicesAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken);

    /// <summary>This cluster's servers with their health, at the <c>grpc_tls_port</c> of their <c>consul</c> instance.</summary>
    Task<(IReadOnlyList<EndpointInput> Value, ulong Index)> LocalServersAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken);

    /// <summary>The peerings this cluster dials, with the peer's server name and addresses (<c>/v1/peerings</c>).</summary>
    Task<(IReadOnlyList<PeerServersInput> Value, ulong Index)> PeerServersAsync(ulong index, TimeSpan wait,
        CancellationToken cancellationToken);
}
