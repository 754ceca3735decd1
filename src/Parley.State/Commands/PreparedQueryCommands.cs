using Parley.Core.PreparedQueries;

namespace Parley.State.Commands;

/// <summary>
/// Creates or replaces a prepared query (its ID made by the handler): names stay unique ignoring case, a name never
/// equals another query's ID, at most one template has the empty name, and a named session must exist. The result is
/// the query's ID.
/// </summary>
public sealed record SetPreparedQuery(PreparedQuery Query) : Command;

/// <summary>Deletes a prepared query; a query that is already gone is not an error.</summary>
public sealed record DeletePreparedQuery(string ID) : Command;
