using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Catalog;

/// <summary>Handlers of <c>/v1/catalog/*</c>.</summary>
internal static class CatalogEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Put("/v1/catalog/register", RegisterAsync)
        .Put("/v1/catalog/deregister", DeregisterAsync)
        .Get("/v1/catalog/datacenters", DatacentersAsync)
        .Get("/v1/catalog/nodes", NodesAsync)
        .Get("/v1/catalog/services", ServicesAsync)
        .Get("/v1/catalog/service/{name}", ServiceAsync)
        .Get("/v1/catalog/connect/{name}", ConnectAsync)
        .Get("/v1/catalog/node/{node}", NodeAsync)
        .Get("/v1/catalog/node-services/{node}", NodeServicesAsync);

    private static async Task RegisterAsync(ApiContext api)
    {
        var request = await api.ReadBodyAsync<RegisterRequest>();
        await api.ApplyAsync(CatalogRegistration.ToCommand(request, api.Agent));
        await api.WriteJsonAsync(true);
    }

    private static async Task DeregisterAsync(ApiContext api)
    {
        var request = await api.ReadBodyAsync<DeregisterRequest>();
        if (!string.IsNullOrEmpty(request.PeerName))
        {
            throw ApiException.BadRequest("cannot deregister requests with PeerName in them");
        }

        if (string.IsNullOrEmpty(request.Node))
        {
            throw ApiException.BadRequest("Must provide node");
        }

        await api.ApplyAsync(new DeregisterCatalog(request.Node, NullIfEmpty(request.ServiceID), NullIfEmpty(request.CheckID)));
        await api.WriteJsonAsync(true);
    }

    private static Task DatacentersAsync(ApiContext api) => api.WriteJsonAsync(new[] { api.Agent.Datacenter });

    private static Task NodesAsync(ApiContext api)
    {
        var peer = api.Query.Peer;
        return api.ReadAsync(s => new QueryResult<List<NodeJson>>(
            [.. s.Nodes(peer).Select(NodeJson.From)], s.TableIndex(Tables.Nodes)));
    }

    private static Task ServicesAsync(ApiContext api)
    {
        var peer = api.Query.Peer;
        return api.ReadAsync(s => new QueryResult<SortedDictionary<string, SortedSet<string>>>(
            s.ServiceNames(peer), s.TableIndex(Tables.Services)));
    }

    private static Task ServiceAsync(ApiContext api)
    {
        var (name, peer, tags) = (api.Route("name"), api.Query.Peer, Tags(api));
        return api.ReadAsync(s => new QueryResult<List<ServiceNodeJson>>(
            [.. s.ServiceInstances(name, peer)
                .Where(i => tags.All(i.Tags.Contains))
                .Select(i => ServiceNodeJson.From(s.GetNode(i.Node, peer)!, i))],
            s.ServiceIndex(name, peer)));
    }

    /// <summary>The mesh-capable instances of a service (its proxies and connect-native instances), Consul's catalog rows.</summary>
    private static Task ConnectAsync(ApiContext api)
    {
        var (name, peer, tags) = (api.Route("name"), api.Query.Peer, Tags(api));
        return api.ReadAsync(s =>
        {
            var (rows, index) = Health.HealthEndpoints.ConnectNodes(s, name, peer);
            return new QueryResult<List<ServiceNodeJson>>(
                [.. rows.Where(r => tags.All(r.Service.Tags.Contains)).Select(r => ServiceNodeJson.From(r.Node, r.Service))], index);
        });
    }

    private static Task NodeAsync(ApiContext api)
    {
        var (name, peer) = (api.Route("node"), api.Query.Peer);
        return api.ReadAsync(s => new QueryResult<object?>(
            s.GetNode(name, peer) is { } node
                ? new
                {
                    Node = NodeJson.From(node),
                    Services = s.NodeServices(name, peer).ToDictionary(i => i.ID, NodeServiceJson.From),
                }
                : null,
            s.TableIndex(Tables.Nodes, Tables.Services)));
    }

    private static Task NodeServicesAsync(ApiContext api)
    {
        var (name, peer) = (api.Route("node"), api.Query.Peer);
        return api.ReadAsync(s => new QueryResult<object?>(
            s.GetNode(name, peer) is { } node
                ? new { Node = NodeJson.From(node), Services = s.NodeServices(name, peer).Select(NodeServiceJson.From).ToList() }
                : null,
            s.TableIndex(Tables.Nodes, Tables.Services)));
    }

    /// <summary>The <c>?tag=</c> filters; an instance must carry all of them.</summary>
    internal static string[] Tags(ApiContext api) =>
        api.Http.Request.Query.TryGetValue("tag", out var tags) ? [.. tags.Where(t => !string.IsNullOrEmpty(t)).Select(t => t!)] : [];

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
