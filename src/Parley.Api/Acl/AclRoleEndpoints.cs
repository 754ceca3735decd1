using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core;
using Parley.Core.Acl;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Acl;

/// <summary><c>/v1/acl/role</c> (create, read by ID or name, update, delete) and <c>/v1/acl/roles</c>.</summary>
internal static class AclRoleEndpoints
{
    private const string Missing = "The role must be provided in the body";

    public static void Map(RouteTable routes) => routes
        .Put("/v1/acl/role", CreateAsync, AclCheck.Write(AclResource.Acl))
        .Get("/v1/acl/role/name/{name}", ReadByNameAsync, AclCheck.Read(AclResource.Acl))
        .Get("/v1/acl/role/{id}", ReadAsync, AclCheck.Read(AclResource.Acl))
        .Put("/v1/acl/role/{id}", UpdateAsync, AclCheck.Write(AclResource.Acl))
        .Delete("/v1/acl/role/{id}", DeleteAsync, AclCheck.Write(AclResource.Acl))
        .Get("/v1/acl/roles", ListAsync, AclCheck.Read(AclResource.Acl));

    private static async Task CreateAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var request = await api.ReadBodyAsync<AclRoleRequest>(missingBodyError: Missing);
        await WriteAsync(api, new AclRole { ID = Guid.NewGuid().ToString(), Name = "" }, request);
    }

    private static async Task UpdateAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var id = api.Route("id");
        var request = await api.ReadBodyAsync<AclRoleRequest>(missingBodyError: Missing);
        if (!string.IsNullOrEmpty(request.ID) && request.ID != id)
        {
            throw ParleyException.Invalid("Role ID in URL and payload do not match");
        }

        var existing = api.Store.Current.GetAclRole(id) ?? throw ParleyException.Invalid($"Cannot find role \"{id}\"");
        await WriteAsync(api, existing, request);
    }

    private static async Task WriteAsync(ApiContext api, AclRole role, AclRoleRequest request)
    {
        var s = api.Store.Current;
        var name = AclRequests.Name(request.Name, "Role");
        if (s.GetAclRoleByName(name) is { } other && other.ID != role.ID)
        {
            throw ParleyException.Invalid($"Invalid Role: A Role with Name \"{name}\" already exists");
        }

        var filled = role with
        {
            Name = name,
            Description = request.Description ?? "",
            Policies = AclRequests.PolicyLinks(request.Policies, s),
            ServiceIdentities = AclRequests.ServiceIdentities(request.ServiceIdentities),
            NodeIdentities = AclRequests.NodeIdentities(request.NodeIdentities),
        };
        filled = filled with { Hash = AclHash.Of(filled) };
        var result = await api.ApplyAsync(new SetAclRole(filled));
        var after = api.Store.Current;
        api.WriteMeta(result.Index);
        await api.WriteJsonAsync(AclJson.Role(after.GetAclRole(filled.ID) ?? filled, after));
    }

    private static Task ReadAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var id = api.Route("id");
        return ReadOneAsync(api, s => s.GetAclRole(id));
    }

    private static Task ReadByNameAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var name = api.Route("name");
        return ReadOneAsync(api, s => s.GetAclRoleByName(name));
    }

    private static async Task ReadOneAsync(ApiContext api, Func<StateSnapshot, AclRole?> find)
    {
        var snapshot = api.Store.Current;
        var role = find(snapshot) ?? throw AclResolver.NotFound();
        api.WriteMeta(snapshot.TableIndex(Tables.AclRoles));
        await api.WriteJsonAsync(AclJson.Role(role, snapshot));
    }

    private static Task ListAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        return api.ReadAsync(s => new QueryResult<List<AclRoleJson>>([.. s.AclRoles().Select(r => AclJson.Role(r, s))], s.TableIndex(Tables.AclRoles)));
    }

    private static async Task DeleteAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var result = await api.ApplyAsync(new DeleteAclRole(api.Route("id")));
        api.WriteMeta(result.Index);
        await api.WriteJsonAsync(true);
    }
}
