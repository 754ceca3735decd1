using System.Globalization;
using Parley.Api.Acl;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.PreparedQueries;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.PreparedQueries;

/// <summary>
/// Handlers of <c>/v1/query</c> as Consul's: create (<c>{"ID":...}</c>), list, read, update and delete by ID, and
/// execute and explain by ID or name (a template by the longest name prefix it matches). Writes go through the log;
/// reads and executions come from the current snapshot.
/// </summary>
internal static class PreparedQueryEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Post("/v1/query", CreateAsync, AclCheck.InHandler("query:write on the query's name (none for an unnamed, session-bound query)"))
        .Get("/v1/query", ListAsync, AclCheck.Filtered("query:read on each query's name; unnamed queries for management only"))
        .Get("/v1/query/{id}", GetAsync, AclCheck.InHandler("query:read on its name (an unnamed query: whoever holds its ID)"))
        .Put("/v1/query/{id}", UpdateAsync, AclCheck.InHandler("query:write on the stored and the new name"))
        .Delete("/v1/query/{id}", DeleteAsync, AclCheck.InHandler("query:write on its name"))
        .Get("/v1/query/{id}/execute", ExecuteAsync,
            AclCheck.Filtered("service:read and node:read on each instance, as the query's Token when it has one"))
        .Get("/v1/query/{id}/explain", ExplainAsync, AclCheck.InHandler("query:read on its name (an unnamed query: management)"));

    private static async Task CreateAsync(ApiContext api)
    {
        var body = await api.ReadBodyAsync<PreparedQueryBody>();
        if (!string.IsNullOrEmpty(body.ID))
        {
            throw ApiException.BadRequest("ID must be empty when creating a new prepared query");
        }

        // Ids are made here, never during apply; a collision (never in practice) picks another.
        string id;
        do
        {
            id = Guid.NewGuid().ToString();
        }
        while (api.Store.Current.GetPreparedQuery(id) is not null);

        var query = Valid(body.ToQuery(id));
        RequireWrite(api, query);
        await api.ApplyAsync(new SetPreparedQuery(query));
        await api.WriteJsonAsync(new PreparedQueryCreatedJson(id));
    }

    private static async Task UpdateAsync(ApiContext api)
    {
        var id = api.Route("id");
        var query = Valid((await api.ReadBodyAsync<PreparedQueryBody>()).ToQuery(id));
        RequireWrite(api, Existing(api, id));
        RequireWrite(api, query);
        await api.ApplyAsync(new SetPreparedQuery(query));
        api.Http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task DeleteAsync(ApiContext api)
    {
        var id = api.Route("id");
        RequireWrite(api, Existing(api, id));
        await api.ApplyAsync(new DeletePreparedQuery(id));
        api.Http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static Task ListAsync(ApiContext api) => api.ReadAsync(s => new QueryResult<List<PreparedQuery>>(
        [.. api.Readable(s.PreparedQueries(), MayRead).Select(q => Redacted(api, q))], s.TableIndex(Tables.PreparedQueries)));

    private static Task GetAsync(ApiContext api)
    {
        var id = api.Route("id");
        return api.ReadAsync(
            s =>
            {
                if (s.GetPreparedQuery(id) is not { } query)
                {
                    return new QueryResult<List<PreparedQuery>>([], s.TableIndex(Tables.PreparedQueries));
                }

                // Consul shows an unnamed query to whoever holds its ID; a named one needs query:read on the name.
                if (query.AclPrefix is { } prefix)
                {
                    api.Authorize(AclResource.Query, AclAccess.Read, prefix);
                }

                return new QueryResult<List<PreparedQuery>>([Redacted(api, query)], s.TableIndex(Tables.PreparedQueries));
            },
            found => found.Count == 0 ? PreparedQueryLookup.NotFound : null);
    }

    private static async Task ExplainAsync(ApiContext api)
    {
        var snapshot = api.Store.Current;
        var query = snapshot.ResolvePreparedQuery(api.Route("id")) ?? throw ApiException.NotFound(PreparedQueryLookup.NotFound);
        if (api.Authorizer is { IsManagement: false } authorizer && !MayRead(authorizer, query))
        {
            // Consul's explain filters the query as a list read does, then refuses what was filtered out.
            authorizer.Require(AclResource.Query, AclAccess.Read, query.AclPrefix ?? "");
        }

        api.WriteMeta(snapshot.TableIndex(Tables.PreparedQueries));
        await api.WriteJsonAsync(new PreparedQueryExplainJson(Redacted(api, query)));
    }

    private static async Task ExecuteAsync(ApiContext api)
    {
        var limit = 0;
        if (api.QueryValue("limit") is { Length: > 0 } text
            && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit))
        {
            throw ApiException.BadRequest($"Bad limit: strconv.Atoi: parsing \"{text}\": invalid syntax");
        }

        var connect = api.QueryValue("connect") is { } c && c is "" or "true" or "1";
        var snapshot = api.Store.Current;
        var query = snapshot.ResolvePreparedQuery(api.Route("id")) ?? throw ApiException.NotFound(PreparedQueryLookup.NotFound);
        var request = new PreparedQueryRequest(api.Agent.Datacenter, api.Agent.NodeName, api.QueryValue("near") ?? "", limit, connect);
        var result = PreparedQueryExecutor.Execute(snapshot, query, request, InstanceFilter(api, query), Random.Shared);
        api.WriteMeta(snapshot.Index);
        await api.WriteJsonAsync(new PreparedQueryExecuteJson(
            query.Service.Service, [.. result.Nodes.Select(CheckServiceNodeJson.From)], query.DNS, result.Datacenter, result.PeerName,
                result.Failovers));
    }

    /// <summary>
    /// Which instances an execution may answer (Consul filters them with the query's own token when it has one, else
    /// the caller's); null when ACLs are off.
    /// </summary>
    private static Func<CheckServiceNode, bool>? InstanceFilter(ApiContext api, PreparedQuery query)
    {
        if (!api.AclOptions.Enabled)
        {
            return null;
        }

        if (query.Token.Length > 0)
        {
            var authorizer = api.Services.AclResolver.Resolve(query.Token);
            return row => AclRows.Instance(authorizer, row);
        }

        return row => api.MayRead(a => AclRows.Instance(a, row));
    }

    private static PreparedQuery Valid(PreparedQuery query) =>
        PreparedQueryRules.Validate(query) is { } error ? throw ApiException.BadRequest(error) : query;

    private static PreparedQuery Existing(ApiContext api, string id) =>
        api.Store.Current.GetPreparedQuery(id) ?? throw ApiException.NotFound($"Cannot modify non-existent prepared query: '{id}'");

    /// <summary>A named query (or any template) needs query:write on its name; an unnamed one belongs to its ID's holders.</summary>
    private static void RequireWrite(ApiContext api, PreparedQuery query)
    {
        if (query.AclPrefix is { } prefix)
        {
            api.Authorize(AclResource.Query, AclAccess.Write, prefix);
        }
    }

    /// <summary>Consul's list filter: query:read on the name; a query without one only for management tokens.</summary>
    private static bool MayRead(AclAuthorizer authorizer, PreparedQuery query) =>
        authorizer.IsManagement || (query.AclPrefix is { } prefix && authorizer.Allows(AclResource.Query, AclAccess.Read, prefix));

    /// <summary>The query with its token shown as <c>&lt;hidden&gt;</c> unless the caller may write ACLs (Consul's redaction).</summary>
    private static PreparedQuery Redacted(ApiContext api, PreparedQuery query) =>
        query.Token.Length == 0 || api.Authorizer is not { } authorizer || authorizer.Allows(AclResource.Acl, AclAccess.Write)
            ? query
            : query with { Token = PreparedQueryRules.RedactedToken };
}
