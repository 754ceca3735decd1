using System.Text;
using System.Text.Json;
using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.Kv;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Sessions;

/// <summary>
/// Handlers of <c>/v1/session</c> as Consul's: create (<c>{"ID":...}</c>), destroy (<c>true</c>), renew (the session,
/// or 404), and the reads info, node and list, which block on the sessions table.
/// </summary>
internal static class SessionEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Put("/v1/session/create", CreateAsync, AclCheck.InHandler("session:write on the session's node"))
        .Put("/v1/session/destroy/{**id}", DestroyAsync, AclCheck.InHandler("session:write on the session's node"))
        .Put("/v1/session/renew/{**id}", RenewAsync, AclCheck.InHandler("session:write on the session's node"))
        .Get("/v1/session/info/{**id}", InfoAsync, ReadFiltered)
        .Get("/v1/session/node/{**node}", NodeAsync, ReadFiltered)
        .Get("/v1/session/list", ListAsync, ReadFiltered);

    private static readonly AclCheck ReadFiltered = AclCheck.Filtered("session:read on each session's node");

    private static bool MayRead(AclAuthorizer authorizer, Session session)
        => authorizer.Allows(AclResource.Session, AclAccess.Read, session.Node);

    /// <summary>Destroying or renewing a session needs <c>session:write</c> on its node (nothing to check when it is gone).</summary>
    private static void RequireWrite(ApiContext api, string id)
    {
        if (api.Store.Current.GetSession(id) is { } session)
        {
            api.Authorize(AclResource.Session, AclAccess.Write, session.Node);
        }
    }

    private static SessionClock Clock(ApiContext api) => api.Services.SessionClock;

    private static string Required(ApiContext api, string name, string missing)
    {
        var value = api.Route(name);
        return value.Length > 0 ? value : throw ApiException.BadRequest(missing);
    }

    private static async Task CreateAsync(ApiContext api)
    {
        // Ids are made here, never during apply; a collision with a live session (never in practice) picks another.
        string id;
        do
        {
            id = Guid.NewGuid().ToString();
        }
        while (api.Store.Current.GetSession(id) is not null);

        var session = SessionRules.Validate(await SessionRequests.ReadCreateAsync(api, id));
        api.Authorize(AclResource.Session, AclAccess.Write, session.Node);
        var result = await api.ApplyAsync(new CreateSession(session));
        await api.WriteJsonAsync(new SessionCreated((string)result.Value!));
    }

    private static async Task DestroyAsync(ApiContext api)
    {
        var id = Required(api, "id", "Missing session");
        RequireWrite(api, id);
        await api.ApplyAsync(new DestroySession(id, Clock(api).Now));
        await api.WriteJsonAsync(true);
    }

    private static async Task RenewAsync(ApiContext api)
    {
        var id = Required(api, "id", "Missing session");
        RequireWrite(api, id);
        var answer = await api.Replicator.QueryLeaderAsync(SessionRenewQuery.QueryName, Encoding.UTF8.GetBytes(id), api.Aborted);
        if (answer.Length == 0)
        {
            throw ApiException.NotFound($"Session id '{id}' not found");
        }

        api.WriteMeta(api.Store.Current.TableIndex(Tables.Sessions));
        await api.WriteJsonAsync(JsonSerializer.Deserialize<List<SessionJson>>(answer, ApiJson.Request));
    }

    private static Task InfoAsync(ApiContext api)
    {
        var id = Required(api, "id", "Missing session");
        return api.ReadAsync(s => new QueryResult<List<SessionJson>>(
            s.GetSession(id) is { } session && api.MayRead(a => MayRead(a, session)) ? [SessionJson.From(session)] : [],
                s.TableIndex(Tables.Sessions)));
    }

    private static Task NodeAsync(ApiContext api)
    {
        var node = Required(api, "node", "Missing node name");
        return api.ReadAsync(s => new QueryResult<List<SessionJson>>(
            [.. api.Readable(s.NodeSessions(node), MayRead).Select(SessionJson.From)], s.TableIndex(Tables.Sessions)));
    }

    private static Task ListAsync(ApiContext api) =>
        api.ReadAsync(
            s => new QueryResult<List<SessionJson>>(
            [.. api.Readable(s.Sessions(), MayRead).Select(SessionJson.From)], s.TableIndex(Tables.Sessions)));

    /// <summary>The answer of <c>/v1/session/create</c>.</summary>
    private sealed record SessionCreated(string ID);
}
