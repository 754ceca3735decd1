using Microsoft.Extensions.DependencyInjection;
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
    private const string Missing = "The token must be provided in the body";

    public static void Map(RouteTable routes) => routes
        .Put("/v1/acl/token", CreateAsync, AclCheck.Write(AclResource.Acl))
        .Get("/v1/acl/token/self", SelfAsync, AclCheck.None("any valid token reads itself"))
        .Get("/v1/acl/token/{id}", ReadAsync, AclCheck.Read(AclResource.Acl))
        .Put("/v1/acl/token/{id}", UpdateAsync, AclCheck.Write(AclResource.Acl))
        .Delete("/v1/acl/token/{id}", DeleteAsync, AclCheck.Write(AclResource.Acl))
        .Get("/v1/acl/tokens", ListAsync, AclCheck.Read(AclResource.Acl));

    private static async Task CreateAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var request = await api.ReadBodyAsync<AclTokenRequest>(missingBodyError: Missing);
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

        var token = Fill(new AclToken { AccessorID = accessor, SecretID = secret, CreateTime = now, Local = request.Local }, request, s) with
        {
            ExpirationTTL = ttl,
            ExpirationTime = ttl is { } t ? now + t : request.ExpirationTime,
        };
        await WriteAsync(api, token);
    }

    private static async Task UpdateAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var id = api.Route("id");
        var request = await api.ReadBodyAsync<AclTokenRequest>(missingBodyError: Missing);
        if (!string.IsNullOrEmpty(request.AccessorID) && request.AccessorID != id)
        {
            throw ParleyException.Invalid("Token Accessor ID in URL and payload do not match");
        }

        var s = api.Store.Current;
        var existing = s.GetAclToken(id) ?? throw ParleyException.Invalid($"Cannot find token \"{id}\"");
        if (!string.IsNullOrEmpty(request.SecretID) && request.SecretID != existing.SecretID)
        {
            throw ParleyException.Invalid("Changing a tokens SecretID is not permitted");
        }

        await WriteAsync(api, Fill(existing, request, s));
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

    private static async Task WriteAsync(ApiContext api, AclToken token)
    {
        var result = await api.ApplyAsync(new SetAclToken(token));
        var s = api.Store.Current;
        api.WriteMeta(result.Index);
        await api.WriteJsonAsync(AclJson.Token(s.GetAclToken(token.AccessorID) ?? token, s));
    }

    private static Task ReadAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var id = api.Route("id");
        return ReadOneAsync(api, s => s.GetAclToken(id));
    }

    private static Task SelfAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);

        // Resolving first gives an unknown secret Consul's 403 "ACL not found" before anything is read.
        _ = api.Authorizer;
        var resolver = api.Http.RequestServices.GetRequiredService<AclResolver>();
        var secret = api.AclSecret;
        return ReadOneAsync(api, s => resolver.Token(s, secret));
    }

    private static async Task ReadOneAsync(ApiContext api, Func<StateSnapshot, AclToken?> find)
    {
        var snapshot = api.Store.Current;
        var token = find(snapshot) ?? throw AclResolver.NotFound();
        api.WriteMeta(snapshot.TableIndex(Tables.AclTokens));
        await api.WriteJsonAsync(AclJson.Token(token, snapshot));
    }

    private static Task ListAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var policy = api.QueryValue("policy");
        var role = api.QueryValue("role");
        return api.ReadAsync(s => new QueryResult<List<AclTokenListEntryJson>>(
            [.. s.AclTokens()
                .Where(t => string.IsNullOrEmpty(policy) || t.Policies.Any(p => p.ID == policy))
                .Where(t => string.IsNullOrEmpty(role) || t.Roles.Any(r => r.ID == role))
                .OrderBy(t => t.CreateIndex)
                .Select(t => AclJson.TokenStub(t, s))],
            s.TableIndex(Tables.AclTokens)));
    }

    private static async Task DeleteAsync(ApiContext api)
    {
        AclEndpoints.RequireEnabled(api);
        var result = await api.ApplyAsync(new DeleteAclToken(api.Route("id")));
        api.WriteMeta(result.Index);
        await api.WriteJsonAsync(true);
    }

    private static string Uuid(string value, string field) =>
        Guid.TryParseExact(value, "D", out _) ? value : throw ParleyException.Invalid($"Invalid Token: {field} is not a valid UUID");
}
