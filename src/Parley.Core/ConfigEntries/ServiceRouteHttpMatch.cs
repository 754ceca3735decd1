namespace Parley.Core.ConfigEntries;

/// <summary>HTTP match criteria of a route; all given parts must match.</summary>
public sealed record ServiceRouteHttpMatch
{
    public string PathExact { get; init; } = "";

    public string PathPrefix { get; init; } = "";

    public string PathRegex { get; init; } = "";

    public IReadOnlyList<ServiceRouteHttpMatchHeader> Header { get; init; } = [];

    public IReadOnlyList<ServiceRouteHttpMatchQueryParam> QueryParam { get; init; } = [];

    public IReadOnlyList<string> Methods { get; init; } = [];
}
