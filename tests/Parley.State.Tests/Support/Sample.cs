using Parley.Core.Catalog;
using Parley.State.Commands;

namespace Parley.State.Tests.Support;

/// <summary>Small builders for catalog rows and commands.</summary>
internal static class Sample
{
    public static Node Node(string name, string address = "10.0.0.1", string peer = "") =>
        new() { Name = name, Address = address, Datacenter = "dc1", PeerName = peer };

    public static ServiceInstance Service(string node, string id, string name, params string[] tags) =>
        new() { Node = node, ID = id, Service = name, Tags = tags, Port = 8080 };

    public static HealthCheck NodeCheck(string node, string id, string status = HealthStatus.Passing) =>
        new() { Node = node, CheckID = id, Name = id, Status = status };

    public static HealthCheck ServiceCheck(string node, string id, string serviceId, string status = HealthStatus.Passing) =>
        new() { Node = node, CheckID = id, Name = id, Status = status, ServiceID = serviceId };

    public static RegisterCatalog Register(Node node, ServiceInstance? service = null, params HealthCheck[] checks) =>
        new(node, service, checks);

    /// <summary>Registers <paramref name="service"/> on a node named like its <see cref="ServiceInstance.Node"/>.</summary>
    public static RegisterCatalog Register(ServiceInstance service, params HealthCheck[] checks) =>
        new(Node(service.Node, peer: service.PeerName), service, checks);
}
