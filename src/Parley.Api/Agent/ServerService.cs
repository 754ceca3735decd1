using System.Globalization;
using Parley.Core.Catalog;
using Parley.State.Commands;

namespace Parley.Api.Agent;

/// <summary>
/// The catalog entries every server keeps for itself, as Consul's do: the service <c>consul</c> with its gRPC
/// ports in the meta (peering tokens read them), and the node check <c>serfHealth</c>.
/// </summary>
public static class ServerService
{
    public const string ServiceId = "consul";
    public const string SerfCheckId = "serfHealth";

    public static RegisterCatalog RegisterCommand(AgentInfo agent) => new(
        new Node
        {
            ID = agent.NodeId,
            Name = agent.NodeName,
            Address = agent.AdvertiseAddress,
            Datacenter = agent.Datacenter,
            TaggedAddresses = new Dictionary<string, string>
            {
                ["lan"] = agent.AdvertiseAddress,
                ["lan_ipv4"] = agent.AdvertiseAddress,
                ["wan"] = agent.AdvertiseAddress,
                ["wan_ipv4"] = agent.AdvertiseAddress,
            },
            Meta = new Dictionary<string, string>(agent.NodeMeta)
            {
                ["consul-network-segment"] = "",
                ["consul-version"] = agent.Version,
            },
        },
        agent.Server
            ? new ServiceInstance
            {
                Node = agent.NodeName,
                ID = ServiceId,
                Service = ServiceId,
                Port = agent.ServerPort,
                Weights = new ServiceWeights(1, 1),
                Meta = new Dictionary<string, string>
                {
                    ["grpc_port"] = agent.GrpcPort.ToString(CultureInfo.InvariantCulture),
                    ["grpc_tls_port"] = agent.GrpcTlsPort.ToString(CultureInfo.InvariantCulture),
                    ["non_voter"] = "false",
                    ["raft_version"] = "3",
                    ["read_replica"] = "false",
                    ["serf_protocol_current"] = "2",
                    ["serf_protocol_max"] = "5",
                    ["serf_protocol_min"] = "1",
                    ["version"] = agent.Version,
                },
            }
            : null,
        [
            new HealthCheck
            {
                Node = agent.NodeName,
                CheckID = SerfCheckId,
                Name = "Serf Health Status",
                Status = HealthStatus.Passing,
                Output = "Agent alive and reachable",
            },
        ]);
}
