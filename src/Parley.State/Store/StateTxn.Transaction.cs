using Parley.Core;
using Parley.Core.Kv;
using Parley.State.Commands;

namespace Parley.State.Store;

internal sealed partial class StateTxn
{
    /// <summary>
    /// Runs the ops of a transaction in order. They are first tried on a scratch copy of this transaction; if any fails,
    /// nothing is written and every failure is reported (as Consul collects them), else they run here for real (apply
    /// is deterministic, so the second run gives the same answers).
    /// </summary>
    public TransactionResult ApplyTransaction(IReadOnlyList<TxnOp> ops, DateTimeOffset now)
    {
        var scratch = new StateTxn(Commit(), _index);
        var (_, errors) = scratch.RunTxnOps(ops, now);
        if (errors.Count > 0)
        {
            return new TransactionResult(null, errors);
        }

        var (results, _) = RunTxnOps(ops, now);
        return new TransactionResult(results, null);
    }

    private (List<TxnOpResult> Results, List<TxnError> Errors) RunTxnOps(IReadOnlyList<TxnOp> ops, DateTimeOffset now)
    {
        var results = new List<TxnOpResult>();
        var errors = new List<TxnError>();
        for (var i = 0; i < ops.Count; i++)
        {
            try
            {
                var failure = ops[i] switch
                {
                    TxnKvOp op => KvTxnOp(op.Kv, now, results),
                    TxnNodeOp op => NodeTxnOp(op, results),
                    TxnServiceOp op => ServiceTxnOp(op, results),
                    TxnCheckOp op => CheckTxnOp(op, results),
                    _ => "unknown operation type",
                };
                if (failure is not null)
                {
                    errors.Add(new TxnError(i, failure));
                }
            }
            catch (ParleyException e)
            {
                // The shared catalog and KV rules reject with the same texts as the single-write endpoints.
                errors.Add(new TxnError(i, e.Message));
            }
        }

        return (results, errors);
    }

    /// <summary>One KV op: the failure text (Consul's) or null, its entries added to <paramref name="results"/>.</summary>
    private string? KvTxnOp(ApplyKv op, DateTimeOffset now, List<TxnOpResult> results)
    {
        if (KvTxnFailure(op, now) is { } failure)
        {
            return failure;
        }

        switch (op.Verb)
        {
            case KvVerb.Get:
                results.Add(new TxnOpResult { KV = GetKv(op.Key)! });
                break;
            case KvVerb.GetTree:
                results.AddRange(KvTables.InRange(_kvKeys.ToImmutable(), op.Key).Select(k => new TxnOpResult { KV = _kv[k] }));
                break;
            case KvVerb.Delete or KvVerb.DeleteCas or KvVerb.DeleteTree:
                break;
            default:
                // Consul answers writes and checks with the entry without its value.
                if (GetKv(op.Key) is { } entry)
                {
                    results.Add(new TxnOpResult { KV = entry with { Value = default } });
                }

                break;
        }

        return null;
    }

    /// <summary>One KV op applied; the failure text (Consul's) or null.</summary>
    private string? KvTxnFailure(ApplyKv op, DateTimeOffset now)
    {
        var existing = GetKv(op.Key);
        switch (op.Verb)
        {
            case KvVerb.Get:
                return existing is null ? $"key \"{op.Key}\" doesn't exist" : null;
            case KvVerb.GetTree:
                return null;
            case KvVerb.CheckSession:
                return existing is null ? $"failed to read from key \"{op.Key}\": key doesn't exist"
                    : existing.Session != op.Session
                        ? $"failed session check for key \"{op.Key}\", current session \"{existing.Session}\" != \"{op.Session}\""
                    : null;
            case KvVerb.CheckIndex:
                return existing is null ? $"failed to read from key \"{op.Key}\": key doesn't exist"
                    : (ulong)existing.ModifyIndex != op.Index
                        ? $"failed index check for key \"{op.Key}\", current modify index {existing.ModifyIndex} != {op.Index}"
                    : null;
            case KvVerb.CheckNotExists:
                return existing is not null ? $"key \"{op.Key}\" exists" : null;
            case KvVerb.Cas:
                return ApplyKv(op.Verb, op.Key, op.Value, op.Flags, op.Index, op.Session, now)
                    ? null
                    : $"failed to set key \"{op.Key}\", index is stale";
            case KvVerb.Lock:
                return ApplyKv(op.Verb, op.Key, op.Value, op.Flags, op.Index, op.Session, now)
                    ? null
                    : $"failed to lock key \"{op.Key}\", lock is already held";
            case KvVerb.Unlock:
                return ApplyKv(op.Verb, op.Key, op.Value, op.Flags, op.Index, op.Session, now)
                    ? null : $"failed to unlock key \"{op.Key}\", lock isn't held, or is held by another session";
            case KvVerb.DeleteCas:
                return ApplyKv(op.Verb, op.Key, op.Value, op.Flags, op.Index, op.Session, now)
                    ? null
                    : $"failed to delete key \"{op.Key}\", index is stale";
            default:
                ApplyKv(op.Verb, op.Key, op.Value, op.Flags, op.Index, op.Session, now);
                return null;
        }
    }
}
