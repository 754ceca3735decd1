using System.Collections.Immutable;
using Parley.Core.PreparedQueries;

namespace Parley.State.Store;

public sealed partial class StateSnapshot
{
    /// <summary>Prepared queries by ID.</summary>
    internal ImmutableSortedDictionary<string, PreparedQuery> QueryRows { get; init; } =
        ImmutableSortedDictionary.Create<string, PreparedQuery>(StringComparer.Ordinal);

    /// <summary>The prepared query with this ID (as stored: a template is not rendered); null when there is none.</summary>
    public PreparedQuery? GetPreparedQuery(string id) => QueryRows.GetValueOrDefault(id);

    /// <summary>Every prepared query, ordered by ID.</summary>
    public IEnumerable<PreparedQuery> PreparedQueries() => QueryRows.Values;

    /// <summary>
    /// The query an execute or explain of <paramref name="idOrName"/> runs (Consul's resolution: ID, exact name, longest
    /// template prefix), a template rendered for the name; null when none answers.
    /// </summary>
    /// <exception cref="Core.ParleyException">An empty name, or a template named by its ID.</exception>
    public PreparedQuery? ResolvePreparedQuery(string idOrName) =>
        PreparedQueryLookup.Resolve(QueryRows.Values, GetPreparedQuery, idOrName);
}
