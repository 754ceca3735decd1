namespace Parley.Core.PreparedQueries;

/// <summary>A prepared query's template settings (Consul's <c>QueryTemplateOptions</c>).</summary>
public sealed record QueryTemplate
{
    /// <summary>The one template type Consul has: the name is a prefix of the names the template answers.</summary>
    public const string NamePrefixMatch = "name_prefix_match";

    /// <summary><see cref="NamePrefixMatch"/>, or "" for a query that is not a template.</summary>
    public string Type { get; init; } = "";

    /// <summary>A regular expression run on the executed name; its groups are <c>${match(N)}</c>.</summary>
    public string Regexp { get; init; } = "";

    /// <summary>Drops tags that interpolate to "" (an unmatched group), so they filter nothing.</summary>
    public bool RemoveEmptyTags { get; init; }
}
