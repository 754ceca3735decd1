using Parley.Api.Acl;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.Catalog;
using Parley.Core.ConfigEntries;
using Parley.Core.Gateways;
using Parley.State.Store;

namespace Parley.Api.Catalog;

/// <summary>Handlers of <c>/v1/catalog/*</c>.</summary>
internal static class CatalogEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Put("/v1/catalog/register", RegisterAsync,
            AclCheck.InHandler(
            "service:write on the service (and a proxy's destination), node:write on a new or changed node," +
            " each check's service or node write"))
        .Put(
            "/v1/catalog/deregister",
            DeregisterAsync,
            AclCheck.InHandler("service:write on the service, a check's service or node write, node:write for the node"))
        .Get("/v1/catalog/datacenters", DatacentersAsync, AclCheck.None("Consul lists datacenters to anyone"))
        .Get("/v1/catalog/nodes", NodesAsync, AclCheck.Filtered("node:read on each node"))
        .Get("/v1/catalog/services", ServicesAsync, AclCheck.Filtered("service:read on each service"))
        .Get("/v1/catalog/service/{name}", ServiceAsync, AclCheck.Filtered("service:read and node:read on each instance"))
        .Get("/v1/catalog/connect/{name}", ConnectAsync, AclCheck.Filtered("service:read and node:read on each instance"))
        .Get("/v1/catalog/node/{node}", NodeAsync, AclCheck.Filtered("node:read on the node, service:read on each service"))
        .Get("/v1/catalog/gateway-services/{gateway}", GatewayServicesAsync, AclCheck.Named(AclResource.Service, AclAccess.Read, "gateway"))
        .Get(
            "/v1/catalog/node-services/{node}",
            NodeServicesAsync,
            AclCheck.Filtered("node:read on the node, service:read on each service"));

    private static async Task RegisterAsync(ApiContext api)
    {
        var request = await api.ReadBodyAsync<RegisterRequest>();
        var command = CatalogRegistration.ToCommand(request, api.Agent);
        AclWrites.Require(api, command, api.Store.Current);
        var started = api.TimeProvider.GetTimestamp();
        await api.ApplyAsync(command);
        api.Services.Metrics?.Registered(api.TimeProvider.GetElapsedTime(started));
        await api.WriteJsonAsync(true);
    }

    private static async Task DeregisterAsync(ApiContext api)
    {
        var command = CatalogRegistration.ToDeregister(await api.ReadBodyAsync<DeregisterRequest>());
        AclWrites.Require(api, command, api.Store.Current);
        var started = api.TimeProvider.GetTimestamp();
        await api.ApplyAsync(command);
        api.Services.Metrics?.Deregistered(api.TimeProvider.GetElapsedTime(started));
        await api.WriteJsonAsync(true);
    }

    private static Task DatacentersAsync(ApiContext api) => api.WriteJsonAsync(new[] { api.Agent.Datacenter });

    private static Task NodesAsync(ApiContext api)
    {
        var (peer, filter, meta, near) = (api.Query.Peer, api.Filter<NodeJson>(), NodeMeta(api), NearSort.Node(api));
        return api.ReadAsync(s => new QueryResult<List<NodeJson>>(
            NearSort.Apply([.. api.Readable(s.Nodes(peer), AclRows.Node).Where(n => meta(n.Meta)).Select(NodeJson.From).Where(filter)],
                near, n => n.Node),
            s.TableIndex(Tables.Nodes)));
    }

    /// <summary>Service names with their tags; Consul filters this list row by row (its ServiceNode rows), then sums up.</summary>
    private static Task ServicesAsync(ApiContext api)
    {
        var peer = api.Query.Peer;
        if (string.IsNullOrEmpty(api.QueryValue("filter")) && !api.Http.Request.Query.ContainsKey("node-meta"))
        {
            return api.ReadAsync(s =>
            {
                var names = s.ServiceNames(peer);
                var readable = api.Readable(names, (a, p) => AclRows.Service(a, p.Key));
                IReadOnlyDictionary<string, IReadOnlyList<string>> answer = readable.Count == names.Count
                    ? names
                    : new OrderedDictionary<string, IReadOnlyList<string>>(readable, StringComparer.Ordinal);
                return new QueryResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(answer, s.TableIndex(Tables.Services));
            });
        }

        var (filter, meta) = (api.Filter<ServiceNodeJson>(), NodeMeta(api));
        return api.ReadAsync(s =>
        {
            var names = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            var rows = api.Readable(s.Services(peer), (a, i) => AclRows.Service(a, i.Service))
                .Select(i => ServiceNodeJson.From(s.GetNode(i.Node, peer)!, i))
                .Where(r => meta(r.NodeMeta))
                .Where(filter);
            foreach (var row in rows)
            {
                if (!names.TryGetValue(row.ServiceName, out var tags))
                {
                    names[row.ServiceName] = tags = new SortedSet<string>(StringComparer.Ordinal);
                }

                tags.UnionWith(row.ServiceTags);
            }

            return new QueryResult<SortedDictionary<string, SortedSet<string>>>(names, s.TableIndex(Tables.Services));
        });
    }

    private static Task ServiceAsync(ApiContext api)
    {
        var (name, peer, tags, filter, meta) = (api.Route("name"), api.Query.Peer, Tags(api), api.Filter<ServiceNodeJson>(), NodeMeta(api));
        var near = NearSort.Node(api);
        return api.ReadAsync(s => new QueryResult<List<ServiceNodeJson>>(
            NearSort.Apply([.. api.Readable(
                    s.ServiceInstances(name, peer).Where(i => tags.All(i.Tags.Contains))
                        .Select(i => (Node: s.GetNode(i.Node, peer)!, Instance: i)),
                    (a, r) => AclRows.Instance(a, r.Node, r.Instance))
                .Select(r => ServiceNodeJson.From(r.Node, r.Instance))
                .Where(r => meta(r.NodeMeta))
                .Where(filter)], near, r => r.Node),
            s.ServiceIndex(name, peer)));
    }

    /// <summary>
    /// The services an ingress or terminating gateway fronts, which those gateways' config entries name. Parley does not
    /// accept those kinds yet, so a gateway fronts nothing: Consul's empty list, at the config entries' index.
    /// </summary>
    /// <summary>
    /// <c>GET /v1/catalog/gateway-services/:gateway</c>: the services the gateway's ingress-gateway or
    /// terminating-gateway entry links to, a <c>*</c> expanded to the catalog's ordinary services; rows of services the
    /// token may not read are left out, as Consul filters them.
    /// </summary>
    private static Task GatewayServicesAsync(ApiContext api)
    {
        var gateway = api.Route("gateway");
        return api.ReadAsync(s =>
        {
            var ordinary = s.Services().Where(i => i.Kind == ServiceKinds.Typical).Select(i => i.Service).Distinct(StringComparer.Ordinal)
                .ToList();
            var links = GatewayServices.ForGateway(gateway, new SnapshotConfigLookup(s), ordinary)
                .Where(l => api.MayRead(a => AclRows.Service(a, l.Service)))
                .Select(GatewayServices.ToJson)
                .ToList();
            var index = s.TableIndex(
                Tables.ConfigKind(ConfigEntryKinds.IngressGateway), Tables.ConfigKind(ConfigEntryKinds.TerminatingGateway),
                    Tables.Services);
            return new QueryResult<List<System.Text.Json.Nodes.JsonObject>>(links, index);
        });
    }

    /// <summary>The mesh-capable instances of a service (its proxies and connect-native instances), Consul's catalog rows.</summary>
    private static Task ConnectAsync(ApiContext api)
    {
        var (name, peer, tags, filter, near) =
            (api.Route("name"), api.Query.Peer, Tags(api), api.Filter<ServiceNodeJson>(), NearSort.Node(api));
        return api.ReadAsync(s =>
        {
            var (rows, index) = s.ConnectServiceNodes(name, peer);
            if (!api.MayRead(a => AclRows.Service(a, name)))
            {
                rows = [];
            }

            return new QueryResult<List<ServiceNodeJson>>(
                NearSort.Apply([.. api.Readable(rows.Where(r => tags.All(r.Service.Tags.Contains)), AclRows.Instance)
                    .Select(r => ServiceNodeJson.From(r.Node, r.Service))
                    .Where(filter)], near, r => r.Node),
                index);
        });
    }

    private static Task NodeAsync(ApiContext api)
    {
        var (name, peer, filter) = (api.Route("node"), api.Query.Peer, api.Filter<NodeServiceJson>());
        return api.ReadAsync(s => new QueryResult<object?>(
            s.GetNode(name, peer) is { } node && api.MayRead(a => AclRows.Node(a, node))
                ? new
                {
                    Node = NodeJson.From(node),
                    Services = api.Readable(s.NodeServices(name, peer), (a, i) => AclRows.Service(a, i.Service))
                        .Select(NodeServiceJson.From)
                        .Where(filter)
                        .ToDictionary(i => i.ID),
                }
                : null,
            s.TableIndex(Tables.Nodes, Tables.Services)));
    }

    private static Task NodeServicesAsync(ApiContext api)
    {
        var (name, peer, filter) = (api.Route("node"), api.Query.Peer, api.Filter<NodeServiceJson>());
        return api.ReadAsync(s => new QueryResult<object?>(
            s.GetNode(name, peer) is { } node && api.MayRead(a => AclRows.Node(a, node))
                ? new
                {
                    Node = NodeJson.From(node),
                    Services = api.Readable(s.NodeServices(name, peer), (a, i) => AclRows.Service(a, i.Service))
                        .Select(NodeServiceJson.From)
                        .Where(filter)
                        .ToList(),
                }
                : null,
            s.TableIndex(Tables.Nodes, Tables.Services)));
    }

    /// <summary>
    /// The <c>?node-meta=key:value</c> filters (repeatable; the value may be empty, as Consul splits at the first colon):
    /// a node must carry all of them.
    /// </summary>
    internal static Func<IReadOnlyDictionary<string, string>?, bool> NodeMeta(ApiContext api)
    {
        if (!api.Http.Request.Query.TryGetValue("node-meta", out var raw) || raw.Count == 0)
        {
            return static _ => true;
        }

        var pairs = raw.Where(r => !string.IsNullOrEmpty(r))
            .Select(r => r!.Split(':', 2))
            .Select(p => (Key: p[0], Value: p.Length > 1 ? p[1] : ""))
            .ToList();
        return meta => pairs.All(p => meta is not null && meta.TryGetValue(p.Key, out var v) && v == p.Value);
    }

    /// <summary>The <c>?tag=</c> filters; an instance must carry all of them.</summary>
    internal static string[] Tags(ApiContext api) =>
        api.Http.Request.Query.TryGetValue("tag", out var tags) ? [.. tags.Where(t => !string.IsNullOrEmpty(t)).Select(t => t!)] : [];
}
