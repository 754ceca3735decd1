using Microsoft.Extensions.DependencyInjection;
using Parley.Api.Acl;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Api.Intentions;
using Parley.Core.Acl;
using Parley.Mesh;
using Parley.Mesh.Ca;

namespace Parley.Api.Connect;

/// <summary>
/// <c>POST /v1/agent/connect/authorize</c>: may the holder of a client certificate connect to a service? Consul's request,
/// answer and 400 texts; the decision is peer-aware (<see cref="ConnectAuthorizer"/>). Answers from this agent's state.
/// </summary>
internal static class AuthorizeEndpoints
{
    public static void Map(RouteTable routes) => routes.Post(
        "/v1/agent/connect/authorize", AuthorizeAsync, AclCheck.InHandler("service:write on the request's Target"));

    private static async Task AuthorizeAsync(ApiContext api)
    {
        var request = await api.ReadBodyAsync<ConnectAuthorizeRequest>();
        if (!string.IsNullOrEmpty(request.Target))
        {
            api.Authorize(AclResource.Service, AclAccess.Write, request.Target);
        }

        var snapshot = api.Store.Current;
        var ca = api.Http.RequestServices.GetRequiredService<ConnectCa>();
        var result = ConnectAuthorizer.Authorize(
            request.Target,
            request.ClientCertURI,
            ca.State(snapshot)?.ActiveRoot?.TrustDomain,
            snapshot.TrustBundles().Select(b => (b.PeerName, b.TrustDomain)),
            IntentionEndpoints.Entries(snapshot),
            api.Agent.IntentionDefaultAllow);
        if (result.Error is { } error)
        {
            throw ApiException.BadRequest(error);
        }

        await api.WriteJsonAsync(new ConnectAuthorizeResponse(result.Authorized, result.Reason));
    }
}
