using Parley.Api.Contracts;
using Parley.Core.PreparedQueries;

namespace Parley.Api.PreparedQueries;

/// <summary>
/// The answer of <c>/v1/query/:id/execute</c> (Consul's <c>PreparedQueryExecuteResponse</c>): the service, its
/// instances as <c>/v1/health/service</c> rows, the DNS options, and who answered: <c>Datacenter</c>, or
/// <c>PeerName</c> (with an empty <c>Datacenter</c>) when a peer's imported instances did, after <c>Failovers</c> targets.
/// </summary>
public sealed record PreparedQueryExecuteJson(
    string Service, IReadOnlyList<CheckServiceNodeJson> Nodes, QueryDns DNS, string Datacenter, string PeerName, int Failovers);

/// <summary>The answer of <c>/v1/query/:id/explain</c>: the query as it would execute (a template rendered).</summary>
public sealed record PreparedQueryExplainJson(PreparedQuery Query);

/// <summary>The answer of <c>POST /v1/query</c>.</summary>
public sealed record PreparedQueryCreatedJson(string ID);
