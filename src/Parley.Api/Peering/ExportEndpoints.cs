using Parley.Api.Acl;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.State.Store;

namespace Parley.Api.Peering;

/// <summary><c>/v1/exported-services</c> and <c>/v1/imported-services</c>: what crosses to and from peers.</summary>
internal static class ExportEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Get("/v1/exported-services", ExportedAsync, AclCheck.Read(AclResource.Mesh))
        .Get("/v1/imported-services", ImportedAsync, AclCheck.Filtered("service:read on each imported service"));

    private static Task ExportedAsync(ApiContext api) => api.ReadAsync(s =>
    {
        var rows = api.Services.Peering.ExportedServices(s)
            .Select(e => new ExportedServiceJson(e.Service, new ExportedServiceConsumersJson(e.Peers)))
            .ToList();
        return new QueryResult<List<ExportedServiceJson>>(rows, s.TableIndex(Tables.ConfigEntries, Tables.Services));
    });

    private static Task ImportedAsync(ApiContext api) => api.ReadAsync(s =>
    {
        var rows = s.Peerings()
            .Where(p => p.IsActive)
            .SelectMany(
                p => api.Readable(s.ServiceNames(p.Name).Keys, AclRows.Service).Select(name => new ImportedServiceJson(name, p.Name)))
            .OrderBy(r => r.Service, StringComparer.Ordinal)
            .ThenBy(r => r.SourcePeer, StringComparer.Ordinal)
            .ToList();
        return new QueryResult<List<ImportedServiceJson>>(rows, s.TableIndex(Tables.Services, Tables.Peerings));
    });
}
