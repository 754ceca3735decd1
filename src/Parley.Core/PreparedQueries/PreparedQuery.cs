using System.Text.Json.Serialization;

namespace Parley.Core.PreparedQueries;

/// <summary>
/// A prepared query (Consul's <c>structs.PreparedQuery</c>): a stored service lookup with its filters, failover targets
/// and DNS options, found by ID or by name (or, for a template, by any name its prefix matches).
/// </summary>
public sealed record PreparedQuery
{
    /// <summary>The query's UUID, made by the server that accepted the create.</summary>
    public string ID { get; init; } = "";

    /// <summary>The name it is executed by, unique ignoring case; "" for a query bound to a session only.</summary>
    public string Name { get; init; } = "";

    /// <summary>A session whose end deletes the query; "" for none.</summary>
    public string Session { get; init; } = "";

    /// <summary>The ACL token the query executes with; "" for the caller's.</summary>
    public string Token { get; init; } = "";

    public QueryTemplate Template { get; init; } = new();

    public ServiceQuery Service { get; init; } = new();

    public QueryDns DNS { get; init; } = new();

    public long CreateIndex { get; init; }

    public long ModifyIndex { get; init; }

    /// <summary>True when the query is a template (its <see cref="QueryTemplate.Type"/> is set).</summary>
    [JsonIgnore]
    public bool IsTemplate => Template.Type.Length > 0;

    /// <summary>
    /// The name that <c>query</c> ACL rules apply to (Consul's <c>GetACLPrefix</c>): the name of a named query or of any
    /// template (an empty-named template too); null for an unnamed query, which only its ID's holders may see.
    /// </summary>
    [JsonIgnore]
    public string? AclPrefix => Name.Length > 0 || IsTemplate ? Name : null;
}
