using System.Text.Json.Serialization;
using Parley.Api.Acl;
using Parley.Api.Contracts;
using Parley.Api.Kv;
using Parley.Core.Acl;
using Parley.State.Commands;

namespace Parley.Api.Txn;

/// <summary>
/// One row of a transaction's <c>Results</c> (Consul's <c>TxnResult</c>): <c>{"KV": ...}</c>, <c>{"Node": ...}</c>,
/// <c>{"Service": ...}</c> or <c>{"Check": ...}</c>, each in the shape the KV, catalog and health reads use.
/// </summary>
internal sealed record TxnResultJson(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] KvEntryJson? KV,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NodeJson? Node,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NodeServiceJson? Service,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HealthCheckJson? Check)
{
    public static TxnResultJson From(TxnOpResult r) => new(
        r.KV is { } kv ? KvEntryJson.From(kv) : null,
        r.Node is { } node ? NodeJson.From(node) : null,
        r.Service is { } service ? NodeServiceJson.From(service) : null,
        r.Check is { } check ? HealthCheckJson.From(check) : null);

    /// <summary>Consul's <c>FilterTxnResults</c>: a row stays only if the token may read it (key, node, service or check).</summary>
    public static bool MayRead(AclAuthorizer authorizer, TxnOpResult r) =>
        r.KV is { } kv ? authorizer.Allows(AclResource.Key, AclAccess.Read, kv.Key)
        : r.Node is { } node ? AclRows.Node(authorizer, node)
        : r.Service is { } service ? AclRows.Service(authorizer, service.Service)
        : r.Check is not { } check || AclRows.Check(authorizer, check);
}
