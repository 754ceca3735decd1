namespace Parley.IntegrationTests.Api;

/// <summary>
/// A straightforward route matcher to check ASP.NET's routing of the route table against: a pattern matches a path when
/// its literal segments equal the path's (ignoring case), each <c>{x}</c> takes one non-empty segment and a final
/// <c>{**x}</c> takes the rest (possibly nothing); of several matches the most specific wins, segment by segment
/// (literal, then parameter, then catch-all; a pattern that ends first beats one that goes on).
/// </summary>
internal sealed class RouteReference(IEnumerable<string> patterns)
{
    private readonly List<(string Pattern, string[] Segments)> _patterns =
        [.. patterns.Distinct(StringComparer.Ordinal).Select(p => (p, p.Trim('/').Split('/')))];

    /// <summary>The pattern the decoded <paramref name="path"/> should reach, or null for none (the API's 404).</summary>
    public string? Match(string path)
    {
        // Routing ignores one trailing slash; a catch-all still sees it in its value, which does not change the match.
        var trimmed = path.Length > 1 && path.EndsWith('/') ? path[..^1] : path;
        var segments = trimmed.TrimStart('/').Split('/');
        var matches = _patterns.Where(p => Matches(p.Segments, segments)).ToList();
        if (matches.Count == 0)
        {
            return null;
        }

        var best = matches.MinBy(m => Precedence(m.Segments), StringComparer.Ordinal);
        var ties = matches.Count(m => string.Equals(Precedence(m.Segments), Precedence(best.Segments), StringComparison.Ordinal));
        Assert.True(ties == 1, $"the route table is ambiguous for {path}: {string.Join(", ", matches.Select(m => m.Pattern))}");
        return best.Pattern;
    }

    private static bool Matches(string[] pattern, string[] path)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            var segment = pattern[i];
            if (segment.StartsWith("{**", StringComparison.Ordinal))
            {
                return true;
            }

            if (i >= path.Length)
            {
                return false;
            }

            var matched = segment.StartsWith('{')
                ? path[i].Length > 0
                : string.Equals(segment, path[i], StringComparison.OrdinalIgnoreCase);
            if (!matched)
            {
                return false;
            }
        }

        return pattern.Length == path.Length;
    }

    /// <summary>ASP.NET's inbound precedence digits: 1 literal, 3 parameter, 5 catch-all; shorter (a smaller decimal) first.</summary>
    private static string Precedence(string[] pattern) =>
        string.Concat(pattern.Select(s => s.StartsWith("{**", StringComparison.Ordinal) ? '5' : s.StartsWith('{') ? '3' : '1'));
}
