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
    public KvTransactionResult ApplyKvTransaction(IReadOnlyList<ApplyKv> ops, DateTimeOffset now)
    {
        var scratch = new StateTxn(Commit(), _index);
        var (_, errors) = scratch.RunKvOps(ops, now);
        if (errors.Count > 0)
        {
            return new KvTransactionResult(null, errors);
        }

        var (results, _) = RunKvOps(ops, now);
        return new KvTransactionResult(results, null);
    }

    private (List<KvEntry> Results, List<KvTransactionError> Errors) RunKvOps(IReadOnlyList<ApplyKv> ops, DateTimeOffset now)
    {
        var results = new List<KvEntry>();
        var errors = new List<KvTransactionError>();
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            try
            {
                if (KvTxnOp(op, now) is { } failure)
                {
                    errors.Add(new KvTransactionError(i, failure));
                    continue;
                }
            }
            catch (ParleyException e)
            {
                errors.Add(new KvTransactionError(i, e.Message));
                continue;
            }

            switch (op.Verb)
            {
                case KvVerb.Get:
                    results.Add(GetKv(op.Key)!);
                    break;
                case KvVerb.GetTree:
                    results.AddRange(KvTables.InRange(_kvKeys.ToImmutable(), op.Key).Select(k => _kv[k]));
                    break;
                case KvVerb.Delete or KvVerb.DeleteCas or KvVerb.DeleteTree:
                    break;
                default:
                    // Consul answers writes and checks with the entry without its value.
                    if (GetKv(op.Key) is { } entry)
                    {
                        results.Add(entry with { Value = default });
                    }

                    break;
            }
        }

        return (results, errors);
    }

    /// <summary>One op; the failure text (Consul's) or null.</summary>
    private string? KvTxnOp(ApplyKv op, DateTimeOffset now)
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
                    : existing.Session != op.Session ? $"failed session check for key \"{op.Key}\", current session \"{existing.Session}\" != \"{op.Session}\""
                    : null;
            case KvVerb.CheckIndex:
                return existing is null ? $"failed to read from key \"{op.Key}\": key doesn't exist"
                    : (ulong)existing.ModifyIndex != op.Index ? $"failed index check for key \"{op.Key}\", current modify index {existing.ModifyIndex} != {op.Index}"
                    : null;
            case KvVerb.CheckNotExists:
                return existing is not null ? $"key \"{op.Key}\" exists" : null;
            case KvVerb.Cas:
                return ApplyKv(op.Verb, op.Key, op.Value, op.Flags, op.Index, op.Session, now) ? null : $"failed to set key \"{op.Key}\", index is stale";
            case KvVerb.Lock:
                return ApplyKv(op.Verb, op.Key, op.Value, op.Flags, op.Index, op.Session, now) ? null : $"failed to lock key \"{op.Key}\", lock is already held";
            case KvVerb.Unlock:
                return ApplyKv(op.Verb, op.Key, op.Value, op.Flags, op.Index, op.Session, now)
                    ? null : $"failed to unlock key \"{op.Key}\", lock isn't held, or is held by another session";
            case KvVerb.DeleteCas:
                return ApplyKv(op.Verb, op.Key, op.Value, op.Flags, op.Index, op.Session, now) ? null : $"failed to delete key \"{op.Key}\", index is stale";
            default:
                ApplyKv(op.Verb, op.Key, op.Value, op.Flags, op.Index, op.Session, now);
                return null;
        }
    }
}
