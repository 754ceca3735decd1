using System.Text.Json.Nodes;
using Parley.Client;

namespace Parley.IntegrationTests.Peering;

/// <summary>Mesh-gateway and mesh-entry steps a user runs through the HTTP API, for the mesh peering tests.</summary>
internal static class MeshGateways
{
    /// <summary>Registers a <c>mesh-gateway</c> instance on its own node with LAN and WAN addresses and one check.</summary>
    public static Task RegisterAsync(
        PeeringCluster cluster, string node, int port, string status, int? wanPort = null, CancellationToken cancellationToken = default) =>
        cluster.Client.Catalog.RegisterAsync(
            new CatalogRegistration
            {
                Node = node,
                Address = "127.0.0.1",
                Service = new AgentService
                {
                    Kind = "mesh-gateway",
                    ID = "mesh-gateway",
                    Service = "mesh-gateway",
                    Address = "127.0.0.1",
                    Port = port,
                    TaggedAddresses = new Dictionary<string, ServiceAddress>
                    {
                        ["lan"] = new() { Address = "127.0.0.1", Port = port },
                        ["wan"] = new() { Address = "127.0.0.1", Port = wanPort ?? port },
                    },
                },
                Checks = [new HealthCheck
                {
                    Node = node,
                    CheckID = "mesh-gateway-alive",
                    Name = "gateway alive",
                    Status = status,
                    ServiceID = "mesh-gateway",
                }],
            },
            cancellationToken: cancellationToken);

    /// <summary>
    /// Registers a sidecar proxy in front of <paramref name="destination"/>, as an agent would for its <c>SidecarService</c>.
    /// </summary>
    public static Task RegisterSidecarAsync(
        PeeringCluster cluster,
        string node,
        string destination,
        CancellationToken cancellationToken = default) =>
        cluster.Client.Catalog.RegisterAsync(
            new CatalogRegistration
            {
                Node = node,
                Address = "127.0.0.1",
                Service = new AgentService
                {
                    Kind = "connect-proxy",
                    ID = destination + "-sidecar-proxy",
                    Service = destination + "-sidecar-proxy",
                    Port = 21000,
                    Proxy = new JsonObject { ["DestinationServiceName"] = destination, ["LocalServicePort"] = 8080 },
                },
            },
            cancellationToken: cancellationToken);

    /// <summary>Writes the <c>mesh</c> entry with <c>Peering.PeerThroughMeshGateways</c>.</summary>
    public static Task PeerThroughMeshGatewaysAsync(PeeringCluster cluster, bool on, CancellationToken cancellationToken = default) =>
        cluster.Client.ConfigEntries.SetAsync(
            new JsonObject { ["Kind"] = "mesh", ["Name"] = "mesh", ["Peering"] = new JsonObject { ["PeerThroughMeshGateways"] = on } },
            cancellationToken: cancellationToken);

    /// <summary>The cluster's trust domain, from its CA roots.</summary>
    public static async Task<string> TrustDomainAsync(PeeringCluster cluster, CancellationToken cancellationToken = default) =>
        JsonNode.Parse(await cluster.Agent.Http.GetStringAsync("/v1/connect/ca/roots", cancellationToken))![
            "TrustDomain"]!.GetValue<string>();
}
