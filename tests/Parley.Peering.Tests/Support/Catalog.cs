using Parley.Core.Catalog;
using Parley.State.Commands;

namespace Parley.Peering.Tests.Support;

/// <summary>Builds catalog registrations for tests.</summary>
internal static class Catalog
{
    public static RegisterCatalog Register(string node, string service, string id, params string[] statuses) =>
        Register(node, new ServiceInstance { Node = node, ID = id, Service = service, Port = 8080 }, statuses);

    /// <summary>A mesh gateway named <c>mesh-gateway</c> on <paramref name="node"/> with LAN and WAN tagged addresses.</summary>
    public static RegisterCatalog Gateway(string node, string address, int port, params string[] statuses) =>
        Register(
            node,
            new ServiceInstance
            {
                Node = node,
                Kind = ServiceKinds.MeshGateway,
                ID = "mesh-gateway",
                Service = "mesh-gateway",
                Address = address,
                Port = port,
                TaggedAddresses = new Dictionary<string, ServiceAddress>
                {
                    ["lan"] = new(address, port),
                    ["wan"] = new("203.0.113." + address.Split('.')[^1], port + 1000),
                },
            },
            statuses);

    /// <summary>A sidecar proxy fronting <paramref name="destination"/>, registered under <paramref name="name"/>.</summary>
    public static RegisterCatalog Sidecar(string node, string destination, string name, params string[] statuses) =>
        Register(
            node,
            new ServiceInstance
            {
                Node = node,
                Kind = ServiceKinds.ConnectProxy,
                ID = name,
                Service = name,
                Port = 21000,
                Proxy = new Parley.Core.Connect.ConnectProxyConfig { DestinationServiceName = destination, LocalServicePort = 8080 },
            },
            statuses);

    public static RegisterCatalog Register(string node, ServiceInstance service, params string[] statuses) =>
        new(
            new Node { Name = node, Address = "10.0.0.1" },
            service,
            [.. statuses.Select((status, i) => new HealthCheck
            {
                Node = node, CheckID = $"{service.ID}-check-{i}", Name = "check", Status = status, ServiceID = service.ID,
            })]);
}
