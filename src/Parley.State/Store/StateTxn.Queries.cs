using Parley.Core;
using Parley.Core.PreparedQueries;

namespace Parley.State.Store;

internal sealed partial class StateTxn
{
    /// <summary>
    /// Creates or replaces a prepared query with Consul's state rules (its texts): the name unique ignoring case, no
    /// name equal to another query's ID, one empty-named template at most, the session present, the template compiling.
    /// </summary>
    public string SetPreparedQuery(PreparedQuery query)
    {
        if (query.ID.Length == 0)
        {
            throw ParleyException.Invalid("Missing query ID");
        }

        var existing = _queries.GetValueOrDefault(query.ID);
        foreach (var other in _queries.Values.Where(o => o.ID != query.ID))
        {
            if (query.Name.Length > 0 && other.Name.Equals(query.Name, StringComparison.OrdinalIgnoreCase))
            {
                throw ParleyException.Invalid($"name '{query.Name}' aliases an existing query name");
            }

            if (query.Name.Length == 0 && query.IsTemplate && other.Name.Length == 0 && other.IsTemplate)
            {
                throw ParleyException.Invalid("a query template with an empty name already exists");
            }
        }

        if (PreparedQueryRules.IsUuid(query.Name) && _queries.ContainsKey(query.Name.ToLowerInvariant()))
        {
            throw ParleyException.Invalid($"name '{query.Name}' aliases an existing query ID");
        }

        if (query.Session.Length > 0 && !_sessions.ContainsKey(query.Session))
        {
            throw ParleyException.Invalid($"invalid session \"{query.Session}\"");
        }

        if (query.IsTemplate && QueryTemplateRenderer.Compile(query) is { } error)
        {
            throw ParleyException.Invalid("failed compiling template: " + error.Error);
        }

        _queries[query.ID] = query with { CreateIndex = existing?.CreateIndex ?? _index, ModifyIndex = _index };
        Touch(Tables.PreparedQueries);
        return query.ID;
    }

    /// <summary>Deletes a prepared query; a missing one is not an error.</summary>
    public bool DeletePreparedQuery(string id)
    {
        if (_queries.Remove(id))
        {
            Touch(Tables.PreparedQueries);
        }

        return true;
    }
}
