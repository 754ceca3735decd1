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
    public static void Map(RouteTable routes) => new AclCrudRoutes<AclRole, AclRoleRequest, AclRoleJson, AclRoleJson>
    {
        Item = "/v1/acl/role",
        List = "/v1/acl/roles",
        MissingBody = "The role must be provided in the body",
        Table = Tables.AclRoles,
        ById = (s, id) => s.GetAclRole(id),
        ByName = (s, name) => s.GetAclRoleByName(name),
        Existing = Existing,
        Fill = Fill,
        Set = r => new SetAclRole(r),
        IdOf = r => r.ID,
        Delete = id => new DeleteAclRole(id),
        Json = AclJson.Role,
        Rows = (_, s) => [.. s.AclRoles().Select(r => AclJson.Role(r, s))],
    }.Map(routes);

    private static AclRole Existing(ApiContext api, string id, AclRoleRequest request, StateSnapshot s)
    {
        if (!string.IsNullOrEmpty(request.ID) && request.ID != id)
        {
            throw ParleyException.Invalid("Role ID in URL and payload do not match");
        }

        return s.GetAclRole(id) ?? throw ParleyException.Invalid($"Cannot find role \"{id}\"");
    }

    private static AclRole Fill(ApiContext api, AclRole? existing, AclRoleRequest request)
    {
        var s = api.Store.Current;
        var role = existing ?? new AclRole { ID = Guid.NewGuid().ToString(), Name = "" };
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
        return filled with { Hash = AclHash.Of(filled) };
    }
}
