using Parley.Api.Catalog;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core.Catalog;
using Parley.State.Store;

namespace Parley.Api.Health;

/// <summary>Handlers of <c>/v1/health/*</c>.</summary>
internal static class HealthEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Get("/v1/health/service/{name}", ServiceAsync)
        .Get("/v1/health/connect/{name}", ConnectAsync)
        .Get("/v1/health/checks/{name}", ChecksAsync)
        .Get("/v1/health/node/{node}", NodeAsync)
        .Get("/v1/health/state/{state}", StateAsync);

    private static Task ServiceAsync(ApiContext api) => ServiceNodesAsync(api, connect: false);

    private static Task ConnectAsync(ApiContext api) => ServiceNodesAsync(api, connect: true);

    /// <summary>
    /// Healthy instances of a service; with <c>connect</c>, the mesh-capable instances that front it
    /// (its sidecar proxies, or the service itself when connect-native).
    /// </summary>
    private static Task ServiceNodesAsync(ApiContext api, bool connect)
    {
        var (name, peer, tags) = (api.Route("name"), api.Query.Peer, CatalogEndpoints.Tags(api));
        var passingOnly = api.QueryValue("passing") is { } p && p is "" or "true" or "1";
        return api.ReadAsync(s =>
        {
            var rows = connect ? ConnectNodes(s, name, peer) : s.CheckServiceNodes(name, peer);
            var result = rows
                .Where(r => tags.All(r.Service.Tags.Contains))
                .Where(r => !passingOnly || r.Checks.All(c => c.Status == HealthStatus.Passing))
                .Select(CheckServiceNodeJson.From)
                .ToList();
            return new QueryResult<List<CheckServiceNodeJson>>(result, Math.Max(s.ServiceIndex(name, peer), connect ? s.ServiceIndex(name + "-sidecar-proxy", peer) : 0));
        });
    }

    private static IEnumerable<CheckServiceNode> ConnectNodes(StateSnapshot s, string name, string peer) =>
        s.CheckServiceNodes(name + "-sidecar-proxy", peer)
            .Where(r => r.Service.Kind == "connect-proxy")
            .Concat(s.CheckServiceNodes(name, peer).Where(r => r.Service.Connect?.Native == true));

    private static Task ChecksAsync(ApiContext api)
    {
        var (name, peer) = (api.Route("name"), api.Query.Peer);
        return api.ReadAsync(s => new QueryResult<List<HealthCheckJson>>(
            [.. s.CheckServiceNodes(name, peer).SelectMany(r => r.Checks.Where(c => c.ServiceID == r.Service.ID)).Select(HealthCheckJson.From)],
            s.ServiceIndex(name, peer)));
    }

    private static Task NodeAsync(ApiContext api)
    {
        var (node, peer) = (api.Route("node"), api.Query.Peer);
        return api.ReadAsync(s => new QueryResult<List<HealthCheckJson>>(
            [.. s.NodeChecks(node, peer).Select(HealthCheckJson.From)], s.TableIndex(Tables.Checks)));
    }

    private static Task StateAsync(ApiContext api)
    {
        var (state, peer) = (api.Route("state"), api.Query.Peer);
        if (state != HealthStatus.Any && !HealthStatus.IsValid(state))
        {
            throw ApiException.BadRequest("Bad check state");
        }

        return api.ReadAsync(s => new QueryResult<List<HealthCheckJson>>(
            [.. s.Checks(peer).Where(c => state == HealthStatus.Any || c.Status == state).Select(HealthCheckJson.From)],
            s.TableIndex(Tables.Checks)));
    }
}
