using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Api.Http;
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
        .Put("/v1/session/create", CreateAsync)
        .Put("/v1/session/destroy/{**id}", DestroyAsync)
        .Put("/v1/session/renew/{**id}", RenewAsync)
        .Get("/v1/session/info/{**id}", InfoAsync)
        .Get("/v1/session/node/{**node}", NodeAsync)
        .Get("/v1/session/list", ListAsync);

    private static SessionClock Clock(ApiContext api) => api.Http.RequestServices.GetRequiredService<SessionClock>();

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
        var result = await api.ApplyAsync(new CreateSession(session));
        await api.WriteJsonAsync(new SessionCreated((string)result.Value!));
    }

    private static async Task DestroyAsync(ApiContext api)
    {
        var id = Required(api, "id", "Missing session");
        await api.ApplyAsync(new DestroySession(id, Clock(api).Now));
        await api.WriteJsonAsync(true);
    }

    private static async Task RenewAsync(ApiContext api)
    {
        var id = Required(api, "id", "Missing session");
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
            s.GetSession(id) is { } session ? [SessionJson.From(session)] : [], s.TableIndex(Tables.Sessions)));
    }

    private static Task NodeAsync(ApiContext api)
    {
        var node = Required(api, "node", "Missing node name");
        return api.ReadAsync(s => new QueryResult<List<SessionJson>>(
            [.. s.NodeSessions(node).Select(SessionJson.From)], s.TableIndex(Tables.Sessions)));
    }

    private static Task ListAsync(ApiContext api) =>
        api.ReadAsync(s => new QueryResult<List<SessionJson>>([.. s.Sessions().Select(SessionJson.From)], s.TableIndex(Tables.Sessions)));

    /// <summary>The answer of <c>/v1/session/create</c>.</summary>
    private sealed record SessionCreated(string ID);
}
