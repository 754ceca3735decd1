using System.Globalization;
using Parley.Core.Go;

namespace Parley.Api.Http;

/// <summary>The query parameters every read understands: blocking, consistency, peer, formatting.</summary>
public sealed record QueryOptions
{
    public long Index { get; init; }
    public TimeSpan? Wait { get; init; }
    public bool Stale { get; init; }
    public bool Consistent { get; init; }
    public bool Pretty { get; init; }

    /// <summary>The <c>?peer=</c> name: "" reads local data.</summary>
    public string Peer { get; init; } = "";

    /// <summary>Parses Consul's query parameters, refusing bad values with Consul's texts.</summary>
    public static QueryOptions Parse(IQueryCollection query)
    {
        long index = 0;
        if (query.TryGetValue("index", out var rawIndex) && rawIndex.ToString().Length > 0 &&
            !long.TryParse(rawIndex.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            throw ApiException.BadRequest("Invalid index");
        }

        TimeSpan? wait = null;
        if (query.TryGetValue("wait", out var rawWait) && rawWait.ToString().Length > 0)
        {
            wait = GoDuration.TryParse(rawWait.ToString(), out var w) ? w : throw ApiException.BadRequest("Invalid wait time");
        }

        var stale = query.ContainsKey("stale");
        var consistent = query.ContainsKey("consistent");
        if (stale && consistent)
        {
            throw ApiException.BadRequest("Cannot specify ?stale with ?consistent, conflicting semantics.");
        }

        return new QueryOptions
        {
            Index = index,
            Wait = wait,
            Stale = stale,
            Consistent = consistent,
            Pretty = query.ContainsKey("pretty"),
            Peer = query.TryGetValue("peer", out var peer) ? peer.ToString() : "",
        };
    }
}
