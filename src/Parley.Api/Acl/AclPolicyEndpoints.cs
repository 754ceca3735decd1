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
    private const string Missing = "The policy must be provided in the body";

    public static void Map(RouteTable routes) => routes
        .Put("/v1/acl/policy", CreateAsync, AclCheck.Write(AclResource.Acl))
        .Get("/v1/acl/policy/name/{name}", ReadByNameAsync, AclCheck.Read(AclResource.Acl))
        .Get("/v1/acl/policy/{id}", ReadAsync, AclCheck.Read(AclResource.Acl))
        .Put("/v1/acl/policy/{id}", UpdateAsync, AclCheck.Write(AclResource.Acl))
        .Delete("/v1/acl/policy/{id}", DeleteAsync, AclCheck.Write(AclResource.Acl))
        .Get("/v1/acl/policies", ListAsync, AclCheck.Read(AclResource.Acl));

    private static async Task CreateAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var request = await api.ReadBodyAsync<AclPolicyRequest>(missingBodyError: Missing);
        await WriteAsync(api, new AclPolicy { ID = Guid.NewGuid().ToString(), Name = "" }, request);
    }

    private static async Task UpdateAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var id = api.Route("id");
        var request = await api.ReadBodyAsync<AclPolicyRequest>(missingBodyError: Missing);
        if (!string.IsNullOrEmpty(request.ID) && request.ID != id)
        {
            throw ParleyException.Invalid("Policy ID in URL and payload do not match");
        }

        var existing = api.Store.Current.GetAclPolicy(id) ?? throw ParleyException.Invalid($"Cannot find policy \"{id}\"");
        if (id == AclIds.GlobalManagementPolicyId && (request.Rules ?? "") != existing.Rules)
        {
            throw ParleyException.Invalid("Changing the Rules for the builtin global-management policy is not permitted");
        }

        await WriteAsync(api, existing, request);
    }

    private static async Task WriteAsync(ApiContext api, AclPolicy policy, AclPolicyRequest request)
    {
        var name = AclRequests.Name(request.Name, "Policy");
        if (api.Store.Current.GetAclPolicyByName(name) is { } other && other.ID != policy.ID)
        {
            throw ParleyException.Invalid($"Invalid Policy: A Policy with Name \"{name}\" already exists");
        }

        var rules = request.Rules ?? "";
        _ = AclRulesText.Parse(rules);
        var filled = policy with { Name = name, Description = request.Description ?? "", Rules = rules, Datacenters = request.Datacenters ?? [] };
        filled = filled with { Hash = AclHash.Of(filled) };
        var result = await api.ApplyAsync(new SetAclPolicy(filled));
        api.WriteMeta(result.Index);
        await api.WriteJsonAsync(AclJson.Policy(api.Store.Current.GetAclPolicy(filled.ID) ?? filled));
    }

    private static Task ReadAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var id = api.Route("id");
        return ReadOneAsync(api, s => s.GetAclPolicy(id));
    }

    private static Task ReadByNameAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var name = api.Route("name");
        return ReadOneAsync(api, s => s.GetAclPolicyByName(name));
    }

    private static async Task ReadOneAsync(ApiContext api, Func<StateSnapshot, AclPolicy?> find)
    {
        var snapshot = api.Store.Current;
        var policy = find(snapshot) ?? throw AclResolver.NotFound();
        api.WriteMeta(snapshot.TableIndex(Tables.AclPolicies));
        await api.WriteJsonAsync(AclJson.Policy(policy));
    }

    private static Task ListAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        return api.ReadAsync(s => new QueryResult<List<AclPolicyListEntryJson>>(
            [.. s.AclPolicies().Select(AclJson.PolicyStub)], s.TableIndex(Tables.AclPolicies)));
    }

    private static async Task DeleteAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var result = await api.ApplyAsync(new DeleteAclPolicy(api.Route("id")));
        api.WriteMeta(result.Index);
        await api.WriteJsonAsync(true);
    }

}
