using Parley.Api.Acl;
using Parley.Api.Http;

namespace Parley.Api.Status;

/// <summary>Handlers of <c>/v1/status/*</c>: the leader and the voting servers, by server address.</summary>
internal static class StatusEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Get("/v1/status/leader", api => api.WriteJsonAsync(api.Replicator.Status.Leader ?? ""),
            AclCheck.None("Consul answers it without a token"))
        .Get(
            "/v1/status/peers", api => api.WriteJsonAsync(api.Replicator.Status.Peers), AclCheck.None("Consul answers it without a token"));
}
