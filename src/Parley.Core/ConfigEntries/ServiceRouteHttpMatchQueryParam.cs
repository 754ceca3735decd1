namespace Parley.Core.ConfigEntries;

/// <summary>A query-parameter condition of a route; exactly one of Present/Exact/Regex.</summary>
public sealed record ServiceRouteHttpMatchQueryParam
{
    public string Name { get; init; } = "";

    public bool Present { get; init; }

    public string Exact { get; init; } = "";

    public string Regex { get; init; } = "";
}
