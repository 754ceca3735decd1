using System.Text.RegularExpressions;
using Parley.Core.ConfigEntries;
using Parley.Core.Intentions;

namespace Parley.Core.DiscoveryChain.Execution;

/// <summary>
/// A router's <c>Match.HTTP</c> compiled once (regexes built up front) and evaluated per request as Envoy evaluates
/// the route Consul generates: the path condition (exact, prefix or whole-path regex; the query string is not part
/// of the path), every header and query-parameter condition, and the method list must all hold. An empty match is a
/// catch-all.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Header conditions follow Envoy: a missing header fails every condition except an
/// inverted <c>Present</c>; <c>Invert</c> flips the result for a present header. Query values are compared decoded.
/// </remarks>
public sealed class RouteMatcher
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private readonly ServiceRouteHttpMatch _match;
    private readonly Regex? _pathRegex;
    private readonly Regex?[] _headerRegexes;
    private readonly Regex?[] _queryRegexes;

    /// <summary>Compiles a match; null or an empty match matches every request.</summary>
    /// <exception cref="ArgumentException">A regex does not parse (validation rejects such entries before they are stored).</exception>
    public RouteMatcher(ServiceRouteHttpMatch? match)
    {
        _match = match ?? new ServiceRouteHttpMatch();
        _pathRegex = _match.PathRegex.Length > 0 ? FullMatch(_match.PathRegex) : null;
        _headerRegexes = _match.Header.Select(h => h.Regex.Length > 0 ? FullMatch(h.Regex) : null).ToArray();
        _queryRegexes = _match.QueryParam.Select(q => q.Regex.Length > 0 ? FullMatch(q.Regex) : null).ToArray();
    }

    /// <summary>The match this matcher was compiled from.</summary>
    public ServiceRouteHttpMatch Match => _match;

    /// <summary>True when every condition holds for <paramref name="request"/>.</summary>
    public bool Matches(HttpRequestInfo request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = PathOnly(request.Path);
        if (_match.PathExact.Length > 0 && !path.Equals(_match.PathExact, StringComparison.Ordinal))
        {
            return false;
        }

        if (_match.PathPrefix.Length > 0 && !path.StartsWith(_match.PathPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (_pathRegex is not null && !IsMatch(_pathRegex, path.ToString()))
        {
            return false;
        }

        if (_match.Methods.Count > 0 && !_match.Methods.Contains(request.Method, StringComparer.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < _match.Header.Count; i++)
        {
            if (!HeaderMatches(_match.Header[i], _headerRegexes[i], request.Headers))
            {
                return false;
            }
        }

        for (var i = 0; i < _match.QueryParam.Count; i++)
        {
            if (!QueryMatches(_match.QueryParam[i], _queryRegexes[i], request.Path))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The path (and query) after a route's <c>PrefixRewrite</c>: the matched <c>PathPrefix</c> (or the whole
    /// <c>PathExact</c>) is replaced; unchanged when the route has neither or no rewrite.
    /// </summary>
    public string Rewrite(string pathAndQuery, string prefixRewrite)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (string.IsNullOrEmpty(prefixRewrite))
        {
            return pathAndQuery;
        }

        var matched = _match.PathPrefix.Length > 0 ? _match.PathPrefix : _match.PathExact;
        if (matched.Length == 0 || !pathAndQuery.StartsWith(matched, StringComparison.Ordinal))
        {
            return pathAndQuery;
        }

        return prefixRewrite + pathAndQuery[matched.Length..];
    }

    /// <summary>The value of a header, found case-insensitively whatever the dictionary's comparer.</summary>
    public static string? HeaderValue(IReadOnlyDictionary<string, string> headers, string name)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, v) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        return null;
    }

    private static ReadOnlySpan<char> PathOnly(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? path : path.AsSpan(0, query);
    }

    private static bool HeaderMatches(ServiceRouteHttpMatchHeader condition, Regex? regex, IReadOnlyDictionary<string, string> headers)
    {
        var value = HeaderValue(headers, condition.Name);
        if (value is null)
        {
            return condition.Present && condition.Invert;
        }

        var matches = condition switch
        {
            { Present: true } => true,
            { Exact.Length: > 0 } => value == condition.Exact,
            { Prefix.Length: > 0 } => value.StartsWith(condition.Prefix, StringComparison.Ordinal),
            { Suffix.Length: > 0 } => value.EndsWith(condition.Suffix, StringComparison.Ordinal),
            _ when regex is not null => IsMatch(regex, value),
            _ => false,
        };
        return matches != condition.Invert;
    }

    private static bool QueryMatches(ServiceRouteHttpMatchQueryParam condition, Regex? regex, string pathAndQuery)
    {
        var value = QueryValue(pathAndQuery, condition.Name);
        if (value is null)
        {
            return false;
        }

        return condition switch
        {
            { Present: true } => true,
            { Exact.Length: > 0 } => value == condition.Exact,
            _ when regex is not null => IsMatch(regex, value),
            _ => false,
        };
    }

    // The first value of the parameter, decoded; null when absent.
    private static string? QueryValue(string pathAndQuery, string name)
    {
        var start = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        foreach (var pair in pathAndQuery[(start + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            if (key == name)
            {
                return eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            }
        }

        return null;
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    // Envoy's safe_regex matches the whole value.
    private static Regex FullMatch(string pattern) =>
        new($"^(?:{pattern})$", RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexTimeout);

    private static bool IsMatch(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
