using System.Text.Json;
using Parley.Api.Catalog;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.State.Store;

namespace Parley.Api.Health;

internal static partial class HealthEndpoints
{
    // Query parameters that change how or when an answer is given, never which bytes it is.
    private static readonly HashSet<string> NotInCacheKey =
        new(StringComparer.Ordinal) { "index", "wait", "token", "stale", "consistent", "cached" };

    /// <summary>
    /// The key under which <c>/v1/health/service/:name</c>'s answer to this request may be kept, or null when the answer
    /// depends on who asks (ACLs on with a token that is not management: its rows are filtered), on where they are
    /// (<c>?near</c>), or on the moment (<c>?peer</c>: its freshness headers). Everything else in the query string is part
    /// of the key.
    /// </summary>
    private static string? CacheKey(ApiContext api)
    {
        if (api.Authorizer is { IsManagement: false } || NearSort.Node(api) is not null || api.Query.Peer.Length > 0)
        {
            return null;
        }

        var query = api.Http.Request.Query
            .Where(q => !NotInCacheKey.Contains(q.Key))
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => q.Key + "=" + string.Join('\u0001', q.Value.ToArray()));
        return string.Concat(api.Route("name"), "\u0000", string.Join('\u0000', query));
    }

    /// <summary>
    /// <c>/v1/health/service/:name</c> for a request whose answer does not depend on who asks: the encoded bytes are
    /// reused while the service's index and instance set are the ones they were encoded from (also on every wake-up of a
    /// blocking query that another service's write caused), and encoded afresh otherwise.
    /// </summary>
    private static async Task CachedServiceNodesAsync(ApiContext api, HealthResponseCache cache, string key)
    {
        var (name, peer, tags, filter) =
            (api.Route("name"), api.Query.Peer, CatalogEndpoints.Tags(api), api.Filter<CheckServiceNodeJson>());
        var meta = CatalogEndpoints.NodeMeta(api);
        var passingOnly = api.QueryValue("passing") is { } p && p is "" or "true" or "1";
        var pretty = api.Http.Request.Query.ContainsKey("pretty");
        var json = await api.QueryAsync(s =>
        {
            var index = s.ServiceIndex(name, peer);
            var version = s.ServiceRowsVersion(name, peer);
            if (version is not null && cache.Get(key, index, version) is { } hit)
            {
                return new QueryResult<byte[]>(hit, index);
            }

            var rows = SelectRows(api, s.CheckServiceNodes(name, peer), tags, meta, passingOnly, filter);
            var encoded = JsonSerializer.SerializeToUtf8Bytes(rows, pretty ? ApiJson.Pretty : ApiJson.Compact);
            if (pretty)
            {
                encoded = [.. encoded, (byte)'\n'];
            }

            if (version is not null)
            {
                cache.Set(key, index, version, encoded);
            }

            return new QueryResult<byte[]>(encoded, index);
        });
        await api.WriteEncodedJsonAsync(json);
    }
}
