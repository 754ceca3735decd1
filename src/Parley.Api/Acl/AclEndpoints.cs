using Parley.Api.Http;
using Parley.State.Commands;

namespace Parley.Api.Acl;

/// <summary>
/// Handlers of <c>/v1/acl/*</c>: bootstrap, tokens, policies and roles, with Consul's shapes and texts. With ACLs
/// disabled every one answers 401 <c>ACL support disabled</c>, as Consul's do.
/// </summary>
internal static class AclEndpoints
{
    public static void Map(RouteTable routes)
    {
        routes.Put("/v1/acl/bootstrap", BootstrapAsync, AclCheck.None("allowed once, to anyone; then refused"));
        AclTokenEndpoints.Map(routes);
        AclPolicyEndpoints.Map(routes);
        AclRoleEndpoints.Map(routes);
    }

    /// <summary>Refuses the request when ACLs are disabled.</summary>
    public static void RequireEnabled(ApiContext api)
    {
        if (!api.AclOptions.Enabled)
        {
            throw new ApiException(StatusCodes.Status401Unauthorized, "ACL support disabled");
        }
    }

    private static async Task BootstrapAsync(ApiContext api)
    {
        RequireEnabled(api);
        var now = api.TimeProvider.GetUtcNow();
        var token = AclBuiltIns.ManagementToken(
            Guid.NewGuid().ToString(),
            Guid.NewGuid().ToString(),
            "Bootstrap Token (Global Management)",
            now);
        var result = await api.ApplyAsync(new BootstrapAcl(token, AclBuiltIns.ManagementPolicy(), AclBuiltIns.AnonymousToken(now)));
        var stored = api.Store.Current.GetAclToken(token.AccessorID)
            ?? throw new InvalidOperationException("bootstrap token not found after apply");
        api.WriteMeta(result.Index);
        await api.WriteJsonAsync(AclJson.Token(stored, api.Store.Current));
    }
}
