using System.Text.Json.Serialization;
using Parley.Core.Catalog;
using Parley.Core.Kv;

namespace Parley.State.Commands;

/// <summary>
/// Consul's <c>PUT /v1/txn</c>: KV, Node, Service and Check operations in request order, every one applied or none (one
/// log entry). The answer is a <see cref="TransactionResult"/>.
/// </summary>
/// <param name="Ops">The operations, validated and ACL-checked by the handler.</param>
/// <param name="Now">The writer's clock, against which lock-delays are checked.</param>
public sealed record Transaction(IReadOnlyList<TxnOp> Ops, DateTimeOffset Now) : Command;

/// <summary>One operation of a <see cref="Transaction"/>. The tags (<c>op</c>) are part of the log format.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(TxnKvOp), "kv")]
[JsonDerivedType(typeof(TxnNodeOp), "node")]
[JsonDerivedType(typeof(TxnServiceOp), "service")]
[JsonDerivedType(typeof(TxnCheckOp), "check")]
public abstract record TxnOp;

/// <summary>A KV operation (every <see cref="KvVerb"/>).</summary>
public sealed record TxnKvOp(ApplyKv Kv) : TxnOp;

/// <summary>
/// A node operation. For get and the deletes only <see cref="Node"/>'s name (a get: or its ID) counts;
/// <paramref name="Index"/> is the ModifyIndex a cas or delete-cas expects.
/// </summary>
public sealed record TxnNodeOp(CatalogTxnVerb Verb, Node Node, long Index = 0) : TxnOp;

/// <summary>
/// A service instance operation on <see cref="ServiceInstance.Node"/>. For get and the deletes only the node and
/// <see cref="ServiceInstance.ID"/> count; <paramref name="Index"/> is the ModifyIndex a cas or delete-cas expects.
/// </summary>
public sealed record TxnServiceOp(CatalogTxnVerb Verb, ServiceInstance Service, long Index = 0) : TxnOp;

/// <summary>
/// A check operation. For get and the deletes only <see cref="HealthCheck.Node"/> and <see cref="HealthCheck.CheckID"/>
/// count; <paramref name="Index"/> is the ModifyIndex a cas or delete-cas expects.
/// </summary>
public sealed record TxnCheckOp(CatalogTxnVerb Verb, HealthCheck Check, long Index = 0) : TxnOp;

/// <summary>What a <see cref="Transaction"/> produced: <see cref="Results"/> in op order on success, else <see cref="Errors"/>.</summary>
public sealed record TransactionResult(IReadOnlyList<TxnOpResult>? Results, IReadOnlyList<TxnError>? Errors);

/// <summary>One result row (Consul's <c>TxnResult</c>): exactly one member is set.</summary>
public sealed record TxnOpResult
{
    public KvEntry? KV { get; init; }
    public Node? Node { get; init; }
    public ServiceInstance? Service { get; init; }
    public HealthCheck? Check { get; init; }
}

/// <summary>One failed op of a transaction, as Consul reports it.</summary>
public sealed record TxnError(int OpIndex, string What);
