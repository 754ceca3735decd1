using Parley.Core.Catalog;
using Parley.Core.Connect;

namespace Parley.Proxy.Config.Inputs;

/// <summary>
/// One instance from a health read (<c>/v1/health/connect/:service[?peer=]</c> or <c>/v1/health/kind/mesh-gateway</c>):
/// its addresses, the statuses of its checks and node checks, its weights and, for a peer's synthetic instance, how to
/// dial through the exporter's gateway.
/// </summary>
/// <param name="Address">The service address, or the node's when the service has none.</param>
/// <param name="Port">The service port.</param>
/// <param name="CheckStatuses">Every check's status (node and service).</param>
/// <param name="Weights">The instance's weights; null when it has none.</param>
/// <param name="WanAddress">The best WAN address (service WAN tagged address, service address, node WAN, node address), for peers'
/// gateways.</param>
/// <param name="WanPort">The port that goes with <paramref name="WanAddress"/>.</param>
/// <param name="PeerMeta">SNI, SPIFFE IDs and protocol of a peer's exported service; null for local instances.</param>
/// <param name="Subject">What a subset filter sees of the instance; null matches no filter.</param>
public sealed record EndpointInput(
    string Address,
    int Port,
    IReadOnlyList<string> CheckStatuses,
    ServiceWeights? Weights = null,
    string WanAddress = "",
    int WanPort = 0,
    PeeringServiceMeta? PeerMeta = null,
    EndpointSubject? Subject = null);
