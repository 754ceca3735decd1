using System.Text.Json.Serialization;

namespace Parley.Core.Catalog;

/// <summary>
/// What a Node, Service or Check operation of <c>PUT /v1/txn</c> does (Consul's <c>api.NodeOp</c>, <c>ServiceOp</c>,
/// <c>CheckOp</c>). The names are part of the log format.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CatalogTxnVerb>))]
public enum CatalogTxnVerb
{
    /// <summary>Read the row; fails when it does not exist.</summary>
    Get,

    /// <summary>Create or update the row, as a catalog registration does.</summary>
    Set,

    /// <summary>Write only if the row's ModifyIndex equals the given index (0: only if the row does not exist).</summary>
    Cas,

    /// <summary>Remove the row (and what hangs off it), as a deregistration does; a missing row is not an error.</summary>
    Delete,

    /// <summary>Remove the row only if its ModifyIndex equals the given index.</summary>
    DeleteCas,
}
