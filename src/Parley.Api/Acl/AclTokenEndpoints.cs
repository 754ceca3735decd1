using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core;
using Parley.Core.Acl;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Acl;

/// <summary><c>/v1/acl/token</c> (create, read, self, update, delete) and <c>/v1/acl/tokens</c>.</summary>
internal static class AclTokenEndpoints
{
    public static void Map(RouteTable routes)
    {
        var crud = new AclCrudRoutes<AclToken, AclTokenRequest, AclTokenJson, AclTokenListEntryJson>
        {
            Item = "/v1/acl/token",
            List = "/v1/acl/tokens",
            MissingBody = "The token must be provided in the body",
            Table = Tables.AclTokens,
            ById = (s, id) => s.GetAclToken(id),
            Existing = Existing,
            Fill = (api, existing, request) => existing is null ? New(api, request) : Fill(existing, request, api.Store.Current),
            Set = t => new SetAclToken(t),
            IdOf = t => t.AccessorID,
            Delete = id => new DeleteAclToken(id),
            Json = AclJson.Token,
            Rows = Rows,
        };
        crud.Map(routes, r => r.Get("/v1/acl/token/self", api => SelfAsync(api, crud), AclCheck.None("any valid token reads itself")));
    }

    private static AclToken New(ApiContext api, AclTokenRequest request)
    {
        var s = api.Store.Current;
        var accessor = string.IsNullOrEmpty(request.AccessorID) ? Guid.NewGuid().ToString() : Uuid(request.AccessorID, "AccessorID");
        if (s.GetAclToken(accessor) is not null)
        {
            throw ParleyException.Invalid("Invalid Token: AccessorID is already in use");
        }

        var secret = string.IsNullOrEmpty(request.SecretID) ? Guid.NewGuid().ToString() : Uuid(request.SecretID, "SecretID");
        if (s.GetAclTokenBySecret(secret) is not null)
        {
            throw ParleyException.Invalid("Invalid Token: SecretID is already in use");
        }

        var ttl = AclRequests.Ttl(request.ExpirationTTL);
        if (ttl is not null && request.ExpirationTime is not null)
        {
            throw ParleyException.Invalid("Token Expiration TTL and Time cannot both be set");
        }

        var now = api.TimeProvider.GetUtcNow();
        if (request.ExpirationTime is { } at && at <= now)
        {
            throw ParleyException.Invalid("ExpirationTime cannot be in the past");
        }

        return Fill(new AclToken { AccessorID = accessor, SecretID = secret, CreateTime = now, Local = request.Local }, request, s) with
        {
            ExpirationTTL = ttl,
            ExpirationTime = ttl is { } t ? now + t : request.ExpirationTime,
        };
    }

    private static AclToken Existing(ApiContext api, string id, AclTokenRequest request, StateSnapshot s)
    {
        if (!string.IsNullOrEmpty(request.AccessorID) && request.AccessorID != id)
        {
            throw ParleyException.Invalid("Token Accessor ID in URL and payload do not match");
        }

        var existing = s.GetAclToken(id) ?? throw ParleyException.Invalid($"Cannot find token \"{id}\"");
        if (!string.IsNullOrEmpty(request.SecretID) && request.SecretID != existing.SecretID)
        {
            throw ParleyException.Invalid("Changing a tokens SecretID is not permitted");
        }

        return existing;
    }

    private static AclToken Fill(AclToken token, AclTokenRequest request, StateSnapshot s)
    {
        var filled = token with
        {
            Description = request.Description ?? "",
            Policies = AclRequests.PolicyLinks(request.Policies, s),
            Roles = AclRequests.RoleLinks(request.Roles, s),
            ServiceIdentities = AclRequests.ServiceIdentities(request.ServiceIdentities),
            NodeIdentities = AclRequests.NodeIdentities(request.NodeIdentities),
        };
        return filled with { Hash = AclHash.Of(filled) };
    }

    private static Task SelfAsync(ApiContext api, AclCrudRoutes<AclToken, AclTokenRequest, AclTokenJson, AclTokenListEntryJson> crud)
    {
        AclEndpoints.RequireEnabled(api);

        // Resolving first gives an unknown secret Consul's 403 "ACL not found" before anything is read.
        _ = api.Authorizer;
        var resolver = api.Services.AclResolver;
        var secret = api.AclSecret;
        return crud.ReadOneAsync(api, s => resolver.Token(s, secret));
    }

    /// <summary>Tokens in creation order, narrowed by <c>?policy=</c> and <c>?role=</c> (IDs) as Consul's list is.</summary>
    private static List<AclTokenListEntryJson> Rows(ApiContext api, StateSnapshot s)
    {
        var policy = api.QueryValue("policy");
        var role = api.QueryValue("role");
        return [.. s.AclTokens()
            .Where(t => string.IsNullOrEmpty(policy) || t.Policies.Any(p => p.ID == policy))
            .Where(t => string.IsNullOrEmpty(role) || t.Roles.Any(r => r.ID == role))
            .OrderBy(t => t.CreateIndex)
            .Select(t => AclJson.TokenStub(t, s))];
    }

    private static string Uuid(string value, string field) =>
        Guid.TryParseExact(value, "D", out _) ? value : throw ParleyException.Invalid($"Invalid Token: {field} is not a valid UUID");
}
