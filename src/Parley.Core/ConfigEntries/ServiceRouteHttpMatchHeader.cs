namespace Parley.Core.ConfigEntries;

/// <summary>A header condition of a route; exactly one of Present/Exact/Prefix/Suffix/Regex.</summary>
public sealed record ServiceRouteHttpMatchHeader
{
    public string Name { get; init; } = "";

    public bool Present { get; init; }

    public string Exact { get; init; } = "";

    public string Prefix { get; init; } = "";

    public string Suffix { get; init; } = "";

    public string Regex { get; init; } = "";

    public bool Invert { get; init; }
}
