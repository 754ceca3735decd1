using System.Globalization;
using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.Catalog;
using Parley.State.Commands;

namespace Parley.Api.Agent;

/// <summary>
/// <c>PUT /v1/agent/maintenance</c> and <c>/v1/agent/service/maintenance/:id</c>: maintenance mode is a critical check
/// with Consul's IDs (<c>_node_maintenance</c>, <c>_service_maintenance:&lt;id&gt;</c>), so every health read, DNS and the
/// proxies leave the node or instance out exactly as they do for any failing check.
/// </summary>
internal static class Maintenance
{
    /// <summary>Consul's node maintenance check ID.</summary>
    public const string NodeCheckId = "_node_maintenance";

    /// <summary>Consul's prefix of a service maintenance check ID (then the service ID).</summary>
    public const string ServiceCheckPrefix = "_service_maintenance:";

    private const string DefaultNodeReason = "Maintenance mode is enabled for this node, but no reason was provided. This is a default message.";
    private const string DefaultServiceReason = "Maintenance mode is enabled for this service, but no reason was provided. This is a default message.";

    public static void Map(RouteTable routes) => routes
        .Put("/v1/agent/maintenance", NodeAsync, AclCheck.OnAgentNode(AclResource.Node, AclAccess.Write))
        .Put("/v1/agent/service/maintenance/{**id}", ServiceAsync, AclCheck.InHandler("service:write on the service"));

    private static async Task NodeAsync(ApiContext api)
    {
        var enable = Enable(api);
        var node = api.Agent.NodeName;
        var snapshot = api.Store.Current;
        if (!enable)
        {
            if (snapshot.GetCheck(node, NodeCheckId) is not null)
            {
                await api.ApplyAsync(new DeregisterCatalog(node, null, NodeCheckId));
            }

            return;
        }

        var reason = api.QueryValue("reason") is { Length: > 0 } r ? r : DefaultNodeReason;
        await RegisterAsync(api, new HealthCheck
        {
            Node = node,
            CheckID = NodeCheckId,
            Name = "Node Maintenance Mode",
            Notes = reason,
            Status = HealthStatus.Critical,
            Type = "maintenance",
        });
    }

    private static async Task ServiceAsync(ApiContext api)
    {
        var id = api.Route("id");
        if (id.Length == 0)
        {
            throw ApiException.BadRequest("Missing service ID");
        }

        var enable = Enable(api);
        var node = api.Agent.NodeName;
        var snapshot = api.Store.Current;
        // Consul vets the update first: an unknown service is its 404 whether enabling or disabling.
        var service = (id == ServerService.ServiceId ? null : snapshot.GetService(node, id))
            ?? throw ApiException.NotFound($"Unknown service ID \"{id}\"");
        api.Authorize(AclResource.Service, AclAccess.Write, service.Service);
        var checkId = ServiceCheckPrefix + id;
        if (!enable)
        {
            if (snapshot.GetCheck(node, checkId) is not null)
            {
                await api.ApplyAsync(new DeregisterCatalog(node, null, checkId));
            }

            return;
        }

        var reason = api.QueryValue("reason") is { Length: > 0 } r ? r : DefaultServiceReason;
        await RegisterAsync(api, new HealthCheck
        {
            Node = node,
            CheckID = checkId,
            Name = "Service Maintenance Mode",
            Notes = reason,
            Status = HealthStatus.Critical,
            ServiceID = service.ID,
            ServiceName = service.Service,
            ServiceTags = service.Tags,
            Type = "maintenance",
        });
    }

    /// <summary><c>?enable=</c> parsed as Go's <c>strconv.ParseBool</c>, with Consul's texts.</summary>
    private static bool Enable(ApiContext api)
    {
        if (api.QueryValue("enable") is not { } raw)
        {
            throw ApiException.BadRequest("Missing value for enable");
        }

        return raw switch
        {
            "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
            "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
            _ => throw ApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"Invalid value for enable: \"{raw}\"")),
        };
    }

    private static async Task RegisterAsync(ApiContext api, HealthCheck check)
    {
        // Enabling twice keeps one check (the reason of the later call), as Consul's agent replaces it.
        if (api.Store.Current.GetCheck(check.Node, check.CheckID) is { } existing && existing.Notes == check.Notes)
        {
            return;
        }

        var node = new Node { Name = api.Agent.NodeName, Address = api.Agent.AdvertiseAddress };
        await api.ApplyAsync(new RegisterCatalog(node, null, [check]) { SkipNodeUpdate = true });
    }
}
