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

    private const string DefaultNodeReason =
        "Maintenance mode is enabled for this node, but no reason was provided. This is a default message.";
    private const string DefaultServiceReason =
        "Maintenance mode is enabled for this service, but no reason was provided. This is a default message.";

    public static void Map(RouteTable routes) => routes
        .Put("/v1/agent/maintenance", NodeAsync, AclCheck.OnAgentNode(AclResource.Node, AclAccess.Write))
        .Put("/v1/agent/service/maintenance/{**id}", ServiceAsync, AclCheck.InHandler("service:write on the service"));

    private static Task NodeAsync(ApiContext api) =>
        SetAsync(api, Enable(api), NodeCheckId, DefaultNodeReason, check => check with { Name = "Node Maintenance Mode" });

    private static Task ServiceAsync(ApiContext api)
    {
        var id = api.Route("id");
        if (id.Length == 0)
        {
            throw ApiException.BadRequest("Missing service ID");
        }

        var enable = Enable(api);
        // Consul vets the update first: an unknown service is its 404 whether enabling or disabling.
        var service = (id == ServerService.ServiceId ? null : api.Store.Current.GetService(api.Agent.NodeName, id))
            ?? throw ApiException.NotFound($"Unknown service ID \"{id}\"");
        api.Authorize(AclResource.Service, AclAccess.Write, service.Service);
        return SetAsync(api, enable, ServiceCheckPrefix + id, DefaultServiceReason, check => check with
        {
            Name = "Service Maintenance Mode",
            ServiceID = service.ID,
            ServiceName = service.Service,
            ServiceTags = service.Tags,
        });
    }

    /// <summary>
    /// Enabling registers the critical check with <c>?reason=</c> (or Consul's default text) as its notes; disabling
    /// removes it if it is there.
    /// </summary>
    private static async Task SetAsync(
        ApiContext api, bool enable, string checkId, string defaultReason, Func<HealthCheck, HealthCheck> shape)
    {
        var node = api.Agent.NodeName;
        if (!enable)
        {
            if (api.Store.Current.GetCheck(node, checkId) is not null)
            {
                await api.ApplyAsync(new DeregisterCatalog(node, null, checkId));
            }

            return;
        }

        var reason = api.QueryValue("reason") is { Length: > 0 } r ? r : defaultReason;
        var check = new HealthCheck
        {
            Node = node,
            CheckID = checkId,
            Notes = reason,
            Status = HealthStatus.Critical,
            Type = "maintenance",
        };
        await RegisterAsync(api, shape(check));
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
