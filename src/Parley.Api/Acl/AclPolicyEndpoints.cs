using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core;
using Parley.Core.Acl;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Acl;

/// <summary><c>/v1/acl/policy</c> (create, read by ID or name, update, delete) and <c>/v1/acl/policies</c>.</summary>
internal static class AclPolicyEndpoints
{
    public static void Map(RouteTable routes) => new AclCrudRoutes<AclPolicy, AclPolicyRequest, AclPolicyJson, AclPolicyListEntryJson>
    {
        Item = "/v1/acl/policy",
        List = "/v1/acl/policies",
        MissingBody = "The policy must be provided in the body",
        Table = Tables.AclPolicies,
        ById = (s, id) => s.GetAclPolicy(id),
        ByName = (s, name) => s.GetAclPolicyByName(name),
        Existing = Existing,
        Fill = Fill,
        Set = p => new SetAclPolicy(p),
        IdOf = p => p.ID,
        Delete = id => new DeleteAclPolicy(id),
        Json = (p, _) => AclJson.Policy(p),
        Rows = (_, s) => [.. s.AclPolicies().Select(AclJson.PolicyStub)],
    }.Map(routes);

    private static AclPolicy Existing(ApiContext api, string id, AclPolicyRequest request, StateSnapshot s)
    {
        if (!string.IsNullOrEmpty(request.ID) && request.ID != id)
        {
            throw ParleyException.Invalid("Policy ID in URL and payload do not match");
        }

        var existing = s.GetAclPolicy(id) ?? throw ParleyException.Invalid($"Cannot find policy \"{id}\"");
        if (id == AclIds.GlobalManagementPolicyId && (request.Rules ?? "") != existing.Rules)
        {
            throw ParleyException.Invalid("Changing the Rules for the builtin global-management policy is not permitted");
        }

        return existing;
    }

    private static AclPolicy Fill(ApiContext api, AclPolicy? existing, AclPolicyRequest request)
    {
        var policy = existing ?? new AclPolicy { ID = Guid.NewGuid().ToString(), Name = "" };
        var name = AclRequests.Name(request.Name, "Policy");
        if (api.Store.Current.GetAclPolicyByName(name) is { } other && other.ID != policy.ID)
        {
            throw ParleyException.Invalid($"Invalid Policy: A Policy with Name \"{name}\" already exists");
        }

        var rules = request.Rules ?? "";
        _ = AclRulesText.Parse(rules);
        var filled = policy with
        {
            Name = name,
            Description = request.Description ?? "",
            Rules = rules,
            Datacenters = request.Datacenters ?? [],
        };
        return filled with { Hash = AclHash.Of(filled) };
    }
}
