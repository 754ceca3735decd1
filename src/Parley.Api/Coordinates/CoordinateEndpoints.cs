using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.State.Store;

namespace Parley.Api.Coordinates;

/// <summary>
/// <c>/v1/coordinate/*</c>. Consul's network coordinates come from serf's gossip probes; Parley has no gossip, so no
/// node has a coordinate: the lists are empty but in Consul's shapes, and a node's coordinate is Consul's 404 for a node
/// without one. Tools that sort by distance (<c>?near=</c>) then keep their order, as Consul's do without coordinates.
/// </summary>
internal static class CoordinateEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Get("/v1/coordinate/datacenters", DatacentersAsync, AclCheck.None("Consul lists datacenter coordinates to anyone"))
        .Get("/v1/coordinate/nodes", NodesAsync, AclCheck.None("no node has a coordinate: an empty list reveals nothing"))
        .Get("/v1/coordinate/node/{node}", NodeAsync, AclCheck.None("no node has a coordinate: always 404"));

    private static Task DatacentersAsync(ApiContext api) =>
        api.WriteJsonAsync(new[] { new { api.Agent.Datacenter, AreaID = "wan", Coordinates = Array.Empty<object>() } });

    private static Task NodesAsync(ApiContext api) =>
        api.ReadAsync(s => new QueryResult<object[]>([], s.TableIndex(Tables.Nodes)));

    private static async Task NodeAsync(ApiContext api)
    {
        await api.QueryAsync(s => new QueryResult<object[]>([], s.TableIndex(Tables.Nodes)));
        api.Http.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
