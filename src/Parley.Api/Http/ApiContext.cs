using System.Text.Json;
using Microsoft.AspNetCore.Routing.Patterns;
using Parley.Api.Acl;
using Parley.Core.Acl;
using Parley.Core.Filtering;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Http;

/// <summary>One API request: its HttpContext, the services handlers need, and the query options.</summary>
public sealed partial class ApiContext
{
    private QueryOptions? _query;
    private AclAuthorizer? _authorizer;
    private long _authorizerIndex = -1;
    private long _checkedAclIndex = -1;
    private bool _filtered;

    public ApiContext(HttpContext http, ApiServices services)
    {
        Http = http;
        Services = services;
    }

    public HttpContext Http { get; }

    /// <summary>The services shared by every request, resolved once.</summary>
    public ApiServices Services { get; }

    /// <summary>The ACL settings; <see cref="AclOptions.Enabled"/> false when the agent registered none.</summary>
    public AclOptions AclOptions => Services.AclOptions;

    public StateStore Store => Services.Store;

    public IReplicator Replicator => Services.Replicator;

    public AgentInfo Agent => Services.Agent;

    public TimeProvider TimeProvider => Services.TimeProvider;

    public CancellationToken Aborted => Http.RequestAborted;

    public QueryOptions Query => _query ??= QueryOptions.Parse(Http.Request.Query);

    /// <summary>
    /// The request path decoded as Go's server decodes it (<c>req.URL.Path</c>): every escape, <c>%2F</c> included, which
    /// Kestrel leaves encoded. npm's <c>consul</c> sends each <c>/</c> of a KV key as <c>%2F</c>.
    /// </summary>
    public string DecodedPath => Http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget is ['/', ..] raw
        ? Uri.UnescapeDataString(raw.Split('?', 2)[0])
        : Http.Request.Path.Value ?? "";

    /// <summary>A route value such as <c>{name}</c>, decoded as Go's server decodes paths; empty when absent.</summary>
    public string Route(string name)
    {
        var value = Http.GetRouteValue(name)?.ToString() ?? "";
        return value.Contains('%', StringComparison.Ordinal) ? RawCatchAll(name) ?? value : value;
    }

    /// <summary>
    /// A catch-all value (<c>{**key}</c>) read again from the raw request target: Kestrel decodes every escape in the path
    /// except <c>%2F</c>, which clients such as npm's <c>consul</c> send for each <c>/</c> of a KV key, while Consul (Go)
    /// decodes them all, so <c>/v1/kv/a%2Fb</c> is the key <c>a/b</c>. Null when the value is not a catch-all.
    /// </summary>
    private string? RawCatchAll(string name)
    {
        if (Http.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern } ||
            pattern.GetParameter(name) is not { IsCatchAll: true } ||
            Http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget is not ['/', ..] raw)
        {
            return null;
        }

        var path = raw.Split('?', 2)[0].Split('/');
        var before = pattern.PathSegments.TakeWhile(s => !s.Parts.Any(p => p is RoutePatternParameterPart { Name: var n } && n == name))
            .Count();
        return path.Length > before + 1 ? Uri.UnescapeDataString(string.Join('/', path.Skip(before + 1))) : null;
    }

    /// <summary>A query string parameter; null when absent.</summary>
    public string? QueryValue(string name) => Http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>
    /// The request's <c>?filter=</c> (go-bexpr) parsed and checked against <typeparamref name="T"/>, the element the
    /// endpoint filters; everything passes when there is none. Call it once per request, before the read: a malformed
    /// expression is Consul's 400 <c>Failed to create boolean expression evaluator: ...</c> with the position, never an
    /// unfiltered answer. Apply it after any ACL filtering, to what the token may see.
    /// </summary>
    public Func<T, bool> Filter<T>()
    {
        var predicate = Filter(typeof(T));
        return value => predicate(value);
    }

    /// <summary>As <see cref="Filter{T}"/>, for an element type known only at run time (an anonymous type).</summary>
    public Func<object?, bool> Filter(Type elementType)
    {
        var text = QueryValue("filter");
        if (string.IsNullOrEmpty(text))
        {
            return static _ => true;
        }

        try
        {
            return FilterExpression.Parse(text).Compile(elementType);
        }
        catch (FormatException e)
        {
            throw ApiException.BadRequest("Failed to create boolean expression evaluator: " + e.Message);
        }
    }

    /// <summary>
    /// The request's token, as Consul reads it: <c>?token=</c>, then <c>X-Consul-Token</c>, then
    /// <c>Authorization: Bearer</c> (scheme case-insensitive); empty when none.
    /// </summary>
    public string AclSecret
    {
        get
        {
            if (QueryValue("token") is { Length: > 0 } query)
            {
                return query;
            }

            var headers = Http.Request.Headers;
            if (headers["X-Consul-Token"].ToString() is { Length: > 0 } header)
            {
                return header;
            }

            var authorization = headers.Authorization.ToString();
            return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : "";
        }
    }

    /// <summary>
    /// The request token's authorizer; null when ACLs are disabled. Resolved again whenever the ACL tables' index has
    /// moved since it was last resolved, so a blocking read that wakes after its token was revoked or changed answers
    /// for the token as it is now.
    /// </summary>
    /// <exception cref="Core.ParleyException">403 <c>ACL not found</c> for a secret no token has.</exception>
    public AclAuthorizer? Authorizer
    {
        get
        {
            if (!AclOptions.Enabled)
            {
                return null;
            }

            var index = Store.Current.AclIndex;
            if (_authorizer is null || index != _authorizerIndex)
            {
                _authorizer = Services.AclResolver.Resolve(AclSecret);
                _authorizerIndex = index;
            }

            return _authorizer;
        }
    }

    /// <summary>The route's declared ACL decision, run before the handler and again on every blocking wake-up.</summary>
    internal AclCheck? RouteAcl { get; init; }

    /// <summary>
    /// Requires <paramref name="access"/> to <paramref name="resource"/> <paramref name="name"/>, throwing Consul's 403 when
    /// the token lacks it. Does nothing when ACLs are disabled.
    /// </summary>
    public void Authorize(AclResource resource, AclAccess access, string name = "") => Authorizer?.Require(resource, access, name);

    /// <summary>
    /// The rows of <paramref name="rows"/> the request's token may read by <paramref name="mayRead"/>; all of them when ACLs
    /// are disabled or the token is management. Dropping one marks the answer as filtered
    /// (<c>X-Consul-Results-Filtered-By-ACLs</c>). Call it inside the read, so a blocking query filters afresh on
    /// every wake-up.
    /// </summary>
    public List<T> Readable<T>(IEnumerable<T> rows, Func<AclAuthorizer, T, bool> mayRead)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(mayRead);
        if (Authorizer is not { IsManagement: false } authorizer)
        {
            return [.. rows];
        }

        var kept = new List<T>();
        foreach (var row in rows)
        {
            if (mayRead(authorizer, row))
            {
                kept.Add(row);
            }
            else
            {
                _filtered = true;
            }
        }

        return kept;
    }

    /// <summary>
    /// Whether the request's token may read one item by <paramref name="mayRead"/> (true when ACLs are disabled); false
    /// marks the answer as filtered, as <see cref="Readable{T}"/> does for a dropped row.
    /// </summary>
    public bool MayRead(Func<AclAuthorizer, bool> mayRead)
    {
        ArgumentNullException.ThrowIfNull(mayRead);
        if (Authorizer is not { } authorizer || mayRead(authorizer))
        {
            return true;
        }

        _filtered = true;
        return false;
    }

    /// <summary>Runs the route's declared check (before the handler, and again when the ACL tables have changed).</summary>
    internal void EnforceRouteAcl()
    {
        if (!AclOptions.Enabled)
        {
            return;
        }

        var index = Store.Current.AclIndex;
        if (index != _checkedAclIndex)
        {
            // Resolving alone refuses a token deleted or expired since the last run, whatever the route's check is.
            _ = Authorizer;
            RouteAcl?.Enforce(this);
            _checkedAclIndex = index;
        }
    }

    /// <summary>Runs a read as a blocking query and writes it with the query-meta headers.</summary>
    /// <param name="query">Reads one snapshot.</param>
    /// <param name="notFound">Given the result, the text of a 404 to answer instead, or null to answer the result.</param>
    public Task ReadAsync<T>(Func<StateSnapshot, QueryResult<T>> query, Func<T, string?>? notFound = null) =>
        ReadAsync(query, static (value, _) => ValueTask.FromResult(value), notFound);

    /// <summary>
    /// Runs a read as a blocking query, then turns what it read into the answer with one more asynchronous step (such as
    /// asking the leader what only it knows), and writes it with the query-meta headers.
    /// </summary>
    /// <param name="query">Reads one snapshot.</param>
    /// <param name="render">Turns the read value into the answer, once the wait is over.</param>
    /// <param name="notFound">Given the read value, the text of a 404 to answer instead, or null to answer.</param>
    /// <param name="staleAllowed">False for reads Consul always forwards to the leader: <c>?stale</c> is then ignored.</param>
    public async Task ReadAsync<TStored, TAnswer>(
        Func<StateSnapshot, QueryResult<TStored>> query,
        Func<TStored, CancellationToken, ValueTask<TAnswer>> render,
        Func<TStored, string?>? notFound = null,
        bool staleAllowed = true)
    {
        var value = await QueryAsync(query, staleAllowed);
        if (notFound?.Invoke(value) is { } text)
        {
            throw ApiException.NotFound(text);
        }

        await WriteJsonAsync(await render(value, Aborted));
    }

    /// <summary>
    /// Runs a read as a blocking query with the request's consistency mode, sets the query-meta headers and returns what
    /// it read, for answers that are not JSON (<see cref="ReadAsync{T}"/> writes JSON).
    /// </summary>
    /// <param name="query">Reads one snapshot.</param>
    /// <param name="staleAllowed">False for reads Consul always forwards to the leader: <c>?stale</c> is then ignored.</param>
    public async Task<T> QueryAsync<T>(Func<StateSnapshot, QueryResult<T>> query, bool staleAllowed = true)
    {
        var options = Query;
        var cache = CacheForRequest();
        if (options.Consistent)
        {
            await Replicator.ReadBarrierAsync(Aborted);
        }
        else if ((!options.Stale || !staleAllowed) && cache is null)
        {
            // Consul's default mode reads the leader's state: on a follower, catch up with the leader's commit first
            // (a blocking query too, before it blocks); with no leader, wait briefly and then say so.
            await Replicator.LeaderReadAsync(Aborted);
        }

        // Every run of the read (the first and each wake-up) re-checks the route's ACL decision when the ACL tables
        // moved and starts the filtered mark afresh, so the answer is for the token as it is when it is given.
        QueryResult<T> Checked(StateSnapshot snapshot)
        {
            EnforceRouteAcl();
            _filtered = false;
            return query(snapshot);
        }

        var result = options.Index > 0
            ? await BlockUntilChangedAsync(Checked, options)
            : await BlockingQuery.RunAsync(Store, Checked, 0, null, TimeProvider, Aborted);
        WriteMeta(result.Index, staleAllowed);
        if (cache is not null)
        {
            WriteCacheMeta(cache, result.Index);
        }

        return result.Value;
    }

    /// <summary>
    /// A read with <c>?index=</c>: waits for a change, the wait to end, the client to go away or the agent to stop.
    /// Stopping answers with what is there now, as Consul's servers end blocking queries on shutdown; otherwise one
    /// open watch would hold the graceful stop until the host's shutdown timeout.
    /// </summary>
    private async Task<QueryResult<T>> BlockUntilChangedAsync<T>(Func<StateSnapshot, QueryResult<T>> query, QueryOptions options)
    {
        var stopping = Services.Stopping;
        Services.Metrics?.BlockingQuery();
        using var waitEnds = CancellationTokenSource.CreateLinkedTokenSource(Aborted, stopping);
        try
        {
            return await BlockingQuery.RunAsync(Store, query, options.Index, options.Wait, TimeProvider, waitEnds.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !Aborted.IsCancellationRequested)
        {
            return query(Store.Current);
        }
    }

    /// <summary>
    /// Runs a blocking wait that is not a state read (a leaf certificate): <paramref name="wait"/> gets a token that ends
    /// when the client goes away or the agent starts stopping; on stopping, <paramref name="now"/> answers instead, as
    /// <see cref="ReadAsync{T}"/> does for state reads.
    /// </summary>
    public async Task<T> BlockAsync<T>(Func<CancellationToken, Task<T>> wait, Func<CancellationToken, Task<T>> now)
    {
        ArgumentNullException.ThrowIfNull(wait);
        ArgumentNullException.ThrowIfNull(now);
        var stopping = Services.Stopping;
        Services.Metrics?.BlockingQuery();
        using var waitEnds = CancellationTokenSource.CreateLinkedTokenSource(Aborted, stopping);
        T result;
        try
        {
            result = await wait(waitEnds.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !Aborted.IsCancellationRequested)
        {
            result = await now(Aborted);
        }

        // The token may have been revoked while it waited: answer for the token as it is now.
        EnforceRouteAcl();
        return result;
    }

    /// <summary>
    /// Sets <c>X-Consul-Index</c> (never 0), <c>X-Consul-KnownLeader</c>, <c>X-Consul-LastContact</c>,
    /// <c>X-Consul-Effective-Consistency</c> (<c>consistent</c>, <c>stale</c> or <c>leader</c>: the mode the read was
    /// served in, so <c>?stale</c> on a read that always goes to the leader says <c>leader</c>), and
    /// <c>X-Consul-Results-Filtered-By-ACLs</c> when the token's ACLs dropped something from the answer.
    /// </summary>
    /// <param name="index">The index of what the read watched.</param>
    /// <param name="staleAllowed">False for reads that ignore <c>?stale</c>.</param>
    public void WriteMeta(long index, bool staleAllowed = true)
    {
        var status = Replicator.Status;
        var headers = Http.Response.Headers;
        headers["X-Consul-Effective-Consistency"] = Query.Consistent ? "consistent" : Query.Stale && staleAllowed ? "stale" : "leader";
        headers["X-Consul-Index"] = Math.Max(index, 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-Consul-KnownLeader"] = status.KnownLeader ? "true" : "false";
        headers["X-Consul-LastContact"] = ((long)status.LastContact.TotalMilliseconds)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        MarkFiltered();
    }

    /// <summary>Sets <c>X-Consul-Results-Filtered-By-ACLs: true</c> when the token's ACLs dropped something from the answer.</summary>
    private void MarkFiltered()
    {
        // Consul leaves the mark off for requests without a token, so as not to tell anonymous callers that more exists.
        if (_filtered && AclSecret.Length > 0 && !Http.Response.HasStarted)
        {
            Http.Response.Headers["X-Consul-Results-Filtered-By-ACLs"] = "true";
        }
    }

    /// <summary>Writes a 200 JSON body, indented when <c>?pretty</c> was given.</summary>
    public async Task WriteJsonAsync<T>(T value, int statusCode = StatusCodes.Status200OK)
    {
        var pretty = Http.Request.Query.ContainsKey("pretty");
        MarkFiltered();
        Http.Response.StatusCode = statusCode;
        Http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(Http.Response.Body, value, pretty ? ApiJson.Pretty : ApiJson.Compact, Aborted);
        if (pretty)
        {
            await Http.Response.WriteAsync("\n", Aborted);
        }
    }

    /// <summary>
    /// Writes a 200 whose JSON is already encoded (with <see cref="ApiJson"/>'s options for the request's <c>?pretty</c>).
    /// </summary>
    public async Task WriteEncodedJsonAsync(byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        MarkFiltered();
        Http.Response.StatusCode = StatusCodes.Status200OK;
        Http.Response.ContentType = "application/json";
        Http.Response.ContentLength = json.Length;
        await Http.Response.Body.WriteAsync(json, Aborted);
    }

    /// <summary>Reads the JSON body as <typeparamref name="T"/>, refusing a missing or malformed body.</summary>
    public async Task<T> ReadBodyAsync<T>(string decodeErrorPrefix = "Request decode failed: ", string? missingBodyError = null)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(Http.Request.Body, ApiJson.Request, Aborted);
            return body ?? throw ApiException.BadRequest(missingBodyError ?? decodeErrorPrefix + "empty body");
        }
        catch (JsonException e)
        {
            if (missingBodyError is not null && Http.Request.ContentLength is 0 or null && e.BytePositionInLine == 0 && e.LineNumber == 0)
            {
                throw ApiException.BadRequest(missingBodyError);
            }

            throw ApiException.BadRequest(decodeErrorPrefix + e.Message);
        }
    }

    /// <summary>Applies a command through the replicated log and returns its result, rethrowing a rejection.</summary>
    public async Task<CommandResult> ApplyAsync(Command command)
    {
        var result = await Replicator.ApplyAsync(command, Aborted);
        return result.ThrowIfRejected();
    }
}
