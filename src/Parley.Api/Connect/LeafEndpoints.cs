using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Api.Acl;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Mesh.Ca;
using Parley.Mesh.Leaf;

namespace Parley.Api.Connect;

/// <summary>
/// The agent's leaf certificates: <c>/v1/agent/connect/ca/leaf/:service</c> (Consul's) and
/// <c>/v1/agent/connect/ca/leaf-kind/mesh-gateway</c> (Parley's: Consul's HTTP API cannot issue a gateway's leaf, and a
/// gateway outside the agent needs one). Both block with <c>?index</c>/<c>?wait</c>; <c>X-Consul-Index</c> is the leaf's
/// ModifyIndex.
/// </summary>
internal static class LeafEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Get("/v1/agent/connect/ca/leaf/{**service}", api => LeafAsync(api, ServiceKey(api)),
            AclCheck.Named(AclResource.Service, AclAccess.Write, "service"))

        // A mesh gateway's SPIFFE ID names no service: Consul's CA signs it for mesh:write.
        .Get("/v1/agent/connect/ca/leaf-kind/mesh-gateway", api => LeafAsync(api, LeafKey.MeshGateway), AclCheck.Write(AclResource.Mesh));

    private static LeafKey ServiceKey(ApiContext api)
    {
        // The path segment is the service name, not an instance ID (Consul's rule).
        var service = api.Route("service");
        return service.Length == 0 ? throw ApiException.BadRequest("Service name must be specified") : LeafKey.ForService(service);
    }

    private static async Task LeafAsync(ApiContext api, LeafKey key)
    {
        var services = api.Http.RequestServices;
        if (!services.GetRequiredService<IOptions<ConnectCaOptions>>().Value.Enabled)
        {
            throw ApiException.BadRequest("Connect must be enabled in order to use this endpoint");
        }

        var manager = services.GetRequiredService<LeafCertificateManager>();
        var query = api.Query;
        var leaf = await api.BlockAsync(
            token => manager.GetAsync(key, query.Index, query.Wait, token),
            token => manager.GetAsync(key, 0, null, token));
        api.WriteMeta(leaf.ModifyIndex);
        await api.WriteJsonAsync(IssuedCertJson.From(leaf));
    }
}
