using Parley.Core.Catalog;
using Parley.State.Commands;

namespace Parley.Peering.Tests.Support;

/// <summary>Builds catalog registrations for tests.</summary>
internal static class Catalog
{
    public static RegisterCatalog Register(string node, string service, string id, params string[] statuses) =>
        Register(node, new ServiceInstance { Node = node, ID = id, Service = service, Port = 8080 }, statuses);

    public static RegisterCatalog Register(string node, ServiceInstance service, params string[] statuses) =>
        new(
            new Node { Name = node, Address = "10.0.0.1" },
            service,
            [.. statuses.Select((status, i) => new HealthCheck
            {
                Node = node, CheckID = $"{service.ID}-check-{i}", Name = "check", Status = status, ServiceID = service.ID,
            })]);
}
