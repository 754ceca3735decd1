namespace Parley.Core.PreparedQueries;

/// <summary>
/// How Consul finds the query an execute or explain names (its <c>PreparedQueryResolve</c>), pure: a UUID is an ID
/// (a template cannot be executed by ID), else a name equal ignoring case, else the template with the longest name that
/// prefixes it (ignoring case; a template named "" prefixes everything). Templates come back rendered for the name.
/// </summary>
public static class PreparedQueryLookup
{
    /// <summary>Consul's text for a name or ID no query answers.</summary>
    public const string NotFound = "Query not found";

    /// <summary>The query <paramref name="idOrName"/> names, rendered; null when none does.</summary>
    /// <exception cref="ParleyException">An empty name, or a template named by its ID (Consul's texts).</exception>
    public static PreparedQuery? Resolve(IEnumerable<PreparedQuery> queries, Func<string, PreparedQuery?> byId, string idOrName)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(byId);
        if (string.IsNullOrEmpty(idOrName))
        {
            throw ParleyException.Invalid("Missing query ID");
        }

        if (PreparedQueryRules.IsUuid(idOrName) && byId(idOrName.ToLowerInvariant()) is { } byIdQuery)
        {
            return byIdQuery.IsTemplate
                ? throw ParleyException.Invalid("prepared query templates can only be resolved up by name, not by ID")
                : byIdQuery;
        }

        PreparedQuery? best = null;
        foreach (var query in queries)
        {
            if (query.Name.Length > 0 && query.Name.Equals(idOrName, StringComparison.OrdinalIgnoreCase))
            {
                return QueryTemplateRenderer.Render(query, idOrName);
            }

            if (query.IsTemplate && idOrName.StartsWith(query.Name, StringComparison.OrdinalIgnoreCase) &&
                (best is null || query.Name.Length > best.Name.Length))
            {
                best = query;
            }
        }

        return best is null ? null : QueryTemplateRenderer.Render(best, idOrName);
    }
}
