using Parley.Api.Acl;
using Parley.Api.Catalog;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.Catalog;
using Parley.Core.ConfigEntries;
using Parley.Core.Gateways;
using Parley.State.Store;

namespace Parley.Api.Health;

/// <summary>Handlers of <c>/v1/health/*</c>.</summary>
internal static partial class HealthEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Get("/v1/health/service/{name}", ServiceAsync, AclCheck.Filtered("service:read and node:read on each instance"))
        .Get("/v1/health/connect/{name}", ConnectAsync, AclCheck.Filtered("service:read and node:read on each instance"))
        .Get("/v1/health/ingress/{name}", IngressAsync, AclCheck.Named(AclResource.Service, AclAccess.Read, "name"))
        .Get("/v1/health/kind/{kind}", KindAsync, AclCheck.Filtered("service:read and node:read on each instance"))
        .Get("/v1/health/checks/{name}", ChecksAsync, AclCheck.Filtered(ChecksFiltered))
        .Get("/v1/health/node/{node}", NodeAsync, AclCheck.Filtered(ChecksFiltered))
        .Get("/v1/health/state/{state}", StateAsync, AclCheck.Filtered(ChecksFiltered));

    private const string ChecksFiltered = "node:read on each check's node and service:read on its service";

    private static Task ServiceAsync(ApiContext api) =>
        CacheKey(api) is { } key && api.Services.HealthCache is { } cache
            ? CachedServiceNodesAsync(api, cache, key)
            : ServiceNodesAsync(api, connect: false);

    private static Task ConnectAsync(ApiContext api) => ServiceNodesAsync(api, connect: true);

    /// <summary>
    /// Healthy instances of a service; with <c>connect</c>, the mesh-capable instances that front it
    /// (its sidecar proxies, or the service itself when connect-native).
    /// </summary>
    private static Task ServiceNodesAsync(ApiContext api, bool connect)
    {
        var (name, peer, tags, filter) =
            (api.Route("name"), api.Query.Peer, CatalogEndpoints.Tags(api), api.Filter<CheckServiceNodeJson>());
        var (meta, near) = (CatalogEndpoints.NodeMeta(api), NearSort.Node(api));
        var passingOnly = api.QueryValue("passing") is { } p && p is "" or "true" or "1";
        return api.ReadAsync(
            s =>
        {
            var (rows, index) = connect
                ? s.ConnectServiceNodes(name, peer)
                : (s.CheckServiceNodes(name, peer).ToList(), s.ServiceIndex(name, peer));
            // Consul asks for service:read on the service a connect query fronts too, not only on its proxies.
            if (connect && !api.MayRead(a => AclRows.Service(a, name)))
            {
                rows = [];
            }

            var result = SelectRows(api, rows, tags, meta, passingOnly, filter);
            return new QueryResult<List<CheckServiceNodeJson>>(NearSort.Apply(result, near, r => r.Node.Node), index);
        },
            async (rows, cancellationToken) =>
            {
                // Parley's addition: an imported service's read says how fresh it is, once any wait is over.
                if (peer.Length > 0 && !connect)
                {
                    await PeerFreshness.AddHeadersAsync(api, peer, cancellationToken);
                }

                return rows;
            });
    }

    /// <summary>The rows of a health service read the token may see and the query asks for, as Consul's JSON rows.</summary>
    private static List<CheckServiceNodeJson> SelectRows(
        ApiContext api, IEnumerable<CheckServiceNode> rows, string[] tags, Func<IReadOnlyDictionary<string, string>?, bool> meta,
            bool passingOnly, Func<CheckServiceNodeJson, bool> filter) =>
        api.Readable(rows, AclRows.Instance)
            .Where(r => tags.All(r.Service.Tags.Contains) && meta(r.Node.Meta))
            .Where(r => !passingOnly || r.Checks.All(c => c.Status == HealthStatus.Passing))
            .Select(CheckServiceNodeJson.From)
            .Where(filter)
            .ToList();

    /// <summary>
    /// <c>GET /v1/health/ingress/:service</c>: the instances (with health) of every ingress gateway whose config entry
    /// routes to the service, by name or by a <c>*</c> listener service when it is an ordinary service; <c>?passing</c>
    /// keeps the healthy ones. Blocks on the ingress entries, the gateways' instances and the service.
    /// </summary>
    private static Task IngressAsync(ApiContext api)
    {
        var (name, filter) = (api.Route("name"), api.Filter<CheckServiceNodeJson>());
        var passingOnly = api.QueryValue("passing") is { } p && p is "" or "true" or "1";
        return api.ReadAsync(s =>
        {
            var ordinary = s.ServiceInstances(name).Any(i => i.Kind == ServiceKinds.Typical);
            var gateways = GatewayServices.IngressGatewaysFor(name, new SnapshotConfigLookup(s), ordinary);
            var rows = api.Readable(
                s.CheckServiceNodesOfKind(ServiceKinds.IngressGateway).Where(r => gateways.Contains(r.Service.Service)), AclRows.Instance)
                .Where(r => !passingOnly || r.Checks.All(c => c.Status == HealthStatus.Passing))
                .Select(CheckServiceNodeJson.From)
                .Where(filter)
                .ToList();
            var index = s.TableIndex(
                Tables.ConfigKind(ConfigEntryKinds.IngressGateway),
                Tables.ServiceKind("", ServiceKinds.IngressGateway),
                Tables.Service("", name));
            return new QueryResult<List<CheckServiceNodeJson>>(rows, index);
        });
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
            var rows = api.Readable(s.CheckServiceNodesOfKind(kind, peer), AclRows.Instance)
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
        var (name, peer, filter, near) = (api.Route("name"), api.Query.Peer, api.Filter<HealthCheckJson>(), NearSort.Node(api));
        return api.ReadAsync(s => new QueryResult<List<HealthCheckJson>>(
            NearSort.Apply(
                [.. api.Readable(s.CheckServiceNodes(name, peer).SelectMany(r => r.Checks.Where(c => c.ServiceID == r.Service.ID)),
                AclRows.Check)
                .Select(HealthCheckJson.From)
                .Where(filter)], near, c => c.Node),
            s.ServiceIndex(name, peer)));
    }

    private static Task NodeAsync(ApiContext api)
    {
        var (node, peer, filter) = (api.Route("node"), api.Query.Peer, api.Filter<HealthCheckJson>());
        return api.ReadAsync(s => new QueryResult<List<HealthCheckJson>>(
            [.. api.Readable(s.NodeChecks(node, peer), AclRows.Check).Select(HealthCheckJson.From).Where(filter)],
                s.TableIndex(Tables.Checks)));
    }

    private static Task StateAsync(ApiContext api)
    {
        var (state, peer) = (api.Route("state"), api.Query.Peer);
        if (state != HealthStatus.Any && !HealthStatus.IsValid(state))
        {
            throw ApiException.BadRequest("Bad check state");
        }

        var (filter, near) = (api.Filter<HealthCheckJson>(), NearSort.Node(api));
        return api.ReadAsync(s => new QueryResult<List<HealthCheckJson>>(
            NearSort.Apply(
                [.. api.Readable(s.Checks(peer).Where(c => state == HealthStatus.Any || c.Status == state), AclRows.Check)
                    .Select(HealthCheckJson.From).Where(filter)],
                near, c => c.Node),
            s.TableIndex(Tables.Checks)));
    }
}
