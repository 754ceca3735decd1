namespace Parley.Api.Http;

/// <summary>The <c>?cached</c> part of a read: Consul's agent cache headers (see <see cref="ReadCache"/>).</summary>
public sealed partial class ApiContext
{
    /// <summary>
    /// The agent's read cache when the request asks for it (<c>?cached</c>) on a route Consul's agent caches; null otherwise.
    /// A cached read is served from this agent's snapshot without first catching up with the leader, as Consul's agent
    /// cache answers without asking the servers.
    /// </summary>
    private ReadCache? CacheForRequest() =>
        Http.Request.Query.ContainsKey("cached") && !Query.Consistent &&
        ReadCache.Serves((Http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText)
            ? Services.ReadCache
            : null;

    /// <summary>Consul's cache headers: <c>X-Cache: HIT|MISS</c>, and on a hit <c>Age</c> in whole seconds.</summary>
    private void WriteCacheMeta(ReadCache cache, long index)
    {
        var query = Http.Request.Query
            .Where(q => q.Key is not ("index" or "wait" or "token" or "cached" or "pretty"))
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => q.Key + "=" + q.Value.ToString());
        var key = Http.Request.Path.Value + "?" + string.Join('&', query);
        var (hit, age) = cache.Record(key, index, ReadCache.MaxAge(Http.Request.Headers.CacheControl.ToString()));
        Http.Response.Headers["X-Cache"] = hit ? "HIT" : "MISS";
        if (hit)
        {
            Http.Response.Headers.Age = ((long)Math.Round(age.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
