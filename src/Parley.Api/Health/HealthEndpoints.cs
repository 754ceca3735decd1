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
        .Get("/v1/health/kind/{kind}", KindAsync)
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
        var (name, peer, tags, filter) = (api.Route("name"), api.Query.Peer, CatalogEndpoints.Tags(api), api.Filter<CheckServiceNodeJson>());
        var meta = CatalogEndpoints.NodeMeta(api);
        var passingOnly = api.QueryValue("passing") is { } p && p is "" or "true" or "1";
        return api.ReadAsync(s =>
        {
            var (rows, index) = connect ? ConnectNodes(s, name, peer) : (s.CheckServiceNodes(name, peer).ToList(), s.ServiceIndex(name, peer));
            var result = rows
                .Where(r => tags.All(r.Service.Tags.Contains) && meta(r.Node.Meta))
                .Where(r => !passingOnly || r.Checks.All(c => c.Status == HealthStatus.Passing))
                .Select(CheckServiceNodeJson.From)
                .Where(filter)
                .ToList();
            return new QueryResult<List<CheckServiceNodeJson>>(result, index);
        });
    }

    /// <summary>
    /// The mesh-capable instances in front of service <paramref name="name"/>: <c>connect-proxy</c> instances whose
    /// <c>Proxy.DestinationServiceName</c> is the name (whatever they are called), then connect-native instances of it.
    /// The index is the service's and the connect-proxy kind's, so a proxy registered under a new name wakes watchers
    /// while registrations of anything else do not.
    /// </summary>
    internal static (List<CheckServiceNode> Rows, long Index) ConnectNodes(StateSnapshot s, string name, string peer)
    {
        var proxyNames = s.ServiceInstancesOfKind(ServiceKinds.ConnectProxy, peer)
            .Where(i => i.Proxy?.DestinationServiceName == name)
            .Select(i => i.Service)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var rows = proxyNames
            .SelectMany(n => s.CheckServiceNodes(n, peer))
            .Where(r => r.Service.Kind == ServiceKinds.ConnectProxy && r.Service.Proxy?.DestinationServiceName == name)
            .Concat(s.CheckServiceNodes(name, peer).Where(r => r.Service.Connect?.Native == true))
            .ToList();
        var index = Math.Max(s.ServiceIndex(name, peer), s.ServiceKindIndex(ServiceKinds.ConnectProxy, peer));
        return (rows, index);
    }

    /// <summary>
    /// <c>GET /v1/health/kind/:kind</c> (a Parley addition the proxy uses to find mesh gateways): every instance of that
    /// kind (<c>mesh-gateway</c>, <c>connect-proxy</c>, ...), local or (with <c>?peer=</c>) imported, as
    /// <c>/v1/health/service</c> rows ordered by service name, node and ID, blocking on that kind's index (any change to
    /// an instance of the kind or its health, and nothing else).
    /// </summary>
    private static Task KindAsync(ApiContext api)
    {
        var (kind, peer, filter) = (api.Route("kind"), api.Query.Peer, api.Filter<CheckServiceNodeJson>());
        var passingOnly = api.QueryValue("passing") is { } p && p is "" or "true" or "1";
        return api.ReadAsync(s =>
        {
            var rows = s.CheckServiceNodesOfKind(kind, peer)
                .OrderBy(r => r.Service.Service, StringComparer.Ordinal)
                .Where(r => !passingOnly || r.Checks.All(c => c.Status == HealthStatus.Passing))
                .Select(CheckServiceNodeJson.From)
                .Where(filter)
                .ToList();
            return new QueryResult<List<CheckServiceNodeJson>>(rows, s.ServiceKindIndex(kind, peer));
        });
    }

    private static Task ChecksAsync(ApiContext api)
    {
        var (name, peer, filter) = (api.Route("name"), api.Query.Peer, api.Filter<HealthCheckJson>());
        return api.ReadAsync(s => new QueryResult<List<HealthCheckJson>>(
            [.. s.CheckServiceNodes(name, peer).SelectMany(r => r.Checks.Where(c => c.ServiceID == r.Service.ID)).Select(HealthCheckJson.From).Where(filter)],
            s.ServiceIndex(name, peer)));
    }

    private static Task NodeAsync(ApiContext api)
    {
        var (node, peer, filter) = (api.Route("node"), api.Query.Peer, api.Filter<HealthCheckJson>());
        return api.ReadAsync(s => new QueryResult<List<HealthCheckJson>>(
            [.. s.NodeChecks(node, peer).Select(HealthCheckJson.From).Where(filter)], s.TableIndex(Tables.Checks)));
    }

    private static Task StateAsync(ApiContext api)
    {
        var (state, peer) = (api.Route("state"), api.Query.Peer);
        if (state != HealthStatus.Any && !HealthStatus.IsValid(state))
        {
            throw ApiException.BadRequest("Bad check state");
        }

        var filter = api.Filter<HealthCheckJson>();
        return api.ReadAsync(s => new QueryResult<List<HealthCheckJson>>(
            [.. s.Checks(peer).Where(c => state == HealthStatus.Any || c.Status == state).Select(HealthCheckJson.From).Where(filter)],
            s.TableIndex(Tables.Checks)));
    }
}
