using Parley.Api.Acl;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.Catalog;
using Parley.Core.Connect;
using Parley.State.Store;

namespace Parley.Api.Agent;

/// <summary>
/// <c>/v1/agent/health/service/id/:id</c> and <c>/name/:name</c>: a local service's checks with their aggregated status,
/// answered with Consul's status codes (passing 200, warning 429, critical or maintenance 503) so a load balancer can
/// probe the URL without reading the body; <c>?format=text</c> or <c>Accept: text/plain</c> answers the status alone.
/// </summary>
internal static class AgentHealthEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Get("/v1/agent/health/service/id/{**id}", ByIdAsync, AclCheck.InHandler("service:read on the service"))
        .Get("/v1/agent/health/service/name/{**name}", ByNameAsync, AclCheck.Named(AclResource.Service, AclAccess.Read, "name"));

    private static Task ByIdAsync(ApiContext api)
    {
        var id = api.Route("id");
        if (id.Length == 0)
        {
            throw ApiException.BadRequest("Missing serviceID");
        }

        var snapshot = api.Store.Current;
        if (id == ServerService.ServiceId || snapshot.GetService(api.Agent.NodeName, id) is not { } service)
        {
            var reason = $"ServiceId {id} not found";
            return TextRequested(api)
                ? WriteTextAsync(api, StatusCodes.Status404NotFound, reason)
                : api.WriteJsonAsync(new AgentServiceChecksInfo(HealthStatus.Critical, null, null), StatusCodes.Status404NotFound);
        }

        api.Authorize(AclResource.Service, AclAccess.Read, service.Service);
        var info = Info(api, snapshot, service);
        var code = StatusCode(info.AggregatedStatus);
        return TextRequested(api) ? WriteTextAsync(api, code, info.AggregatedStatus) : api.WriteJsonAsync(info, code);
    }

    private static Task ByNameAsync(ApiContext api)
    {
        var name = api.Route("name");
        if (name.Length == 0)
        {
            throw ApiException.BadRequest("Missing service Name");
        }

        var snapshot = api.Store.Current;
        var (code, status) = (StatusCodes.Status404NotFound, $"ServiceName {name} Not Found");

        // Names match without regard to case, as every other service-name lookup does (Consul's indexes are lower-cased).
        var result = new List<AgentServiceChecksInfo>();
        foreach (var service in snapshot.NodeServices(api.Agent.NodeName)
            .Where(s => s.ID != ServerService.ServiceId && string.Equals(s.Service, name, StringComparison.OrdinalIgnoreCase)))
        {
            var info = Info(api, snapshot, service);
            result.Add(info);

            // The worst status wins: passing 200 < warning 429 < critical 503 (a found service replaces the 404).
            var serviceCode = StatusCode(info.AggregatedStatus);
            if (code == StatusCodes.Status404NotFound || serviceCode > code)
            {
                (code, status) = (serviceCode, info.AggregatedStatus);
            }
        }

        return TextRequested(api) ? WriteTextAsync(api, code, status) : api.WriteJsonAsync(result, code);
    }

    private static AgentServiceChecksInfo Info(ApiContext api, StateSnapshot snapshot, ServiceInstance service)
    {
        // The service's own checks and the node's (Consul's ChecksForService with node checks included), by id.
        var checks = snapshot.InstanceChecks(api.Agent.NodeName, "")
            .Concat(snapshot.InstanceChecks(api.Agent.NodeName, service.ID))
            .OrderBy(c => c.CheckID, StringComparer.Ordinal)
            .Select(HealthCheckJson.From)
            .ToList();
        var resolved = ProxyConfigResolver.Resolve(service, new SnapshotConfigLookup(snapshot));
        return new AgentServiceChecksInfo(Aggregate(checks), AgentServiceJson.From(service, resolved, api.Agent.Datacenter), checks);
    }

    /// <summary>Consul's <c>HealthChecks.AggregatedStatus</c>: maintenance first, then the worst of critical, warning, passing.</summary>
    internal static string Aggregate(IReadOnlyCollection<HealthCheckJson> checks)
    {
        if (checks.Any(c => c.CheckID == Maintenance.NodeCheckId
            || c.CheckID.StartsWith(Maintenance.ServiceCheckPrefix, StringComparison.Ordinal)))
        {
            return HealthStatus.Maintenance;
        }

        return checks.Any(c => c.Status == HealthStatus.Critical) ? HealthStatus.Critical
            : checks.Any(c => c.Status == HealthStatus.Warning) ? HealthStatus.Warning
            : HealthStatus.Passing;
    }

    private static int StatusCode(string status) => status switch
    {
        HealthStatus.Passing => StatusCodes.Status200OK,
        HealthStatus.Warning => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status503ServiceUnavailable,
    };

    private static bool TextRequested(ApiContext api) =>
        api.Http.Request.Headers.Accept.ToString().StartsWith("text/plain", StringComparison.Ordinal) ||
        api.QueryValue("format") == "text";

    private static Task WriteTextAsync(ApiContext api, int code, string text)
    {
        api.Http.Response.StatusCode = code;
        api.Http.Response.ContentType = "text/plain";
        return api.Http.Response.WriteAsync(text, api.Aborted);
    }
}
