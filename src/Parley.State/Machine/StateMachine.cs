using Microsoft.Extensions.Logging;
using Parley.Core;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.State.Machine;

/// <summary>
/// The FSM: decodes each committed log entry, applies it to a transaction over the current snapshot and
/// publishes the result. Deterministic: the same log gives the same state on every server.
/// </summary>
/// <remarks>
/// Called by the consensus layer on one thread, in log order. A business-rule rejection (a
/// <see cref="ParleyException"/>) is a deterministic result: nothing is written, the index still advances.
/// Anything else is fatal and propagates, so the server stops rather than diverge.
/// </remarks>
public sealed partial class StateMachine(StateStore store, ILogger<StateMachine> logger) : IReplicatedStateMachine
{
    public StateStore Store => store;

    public long LastAppliedIndex => store.Current.Index;

    public CommandResult Apply(long index, ReadOnlySpan<byte> payload)
    {
        var command = CommandCodec.Decode(payload);
        var current = store.Current;
        if (index <= current.Index)
        {
            // Replays of entries already in a restored snapshot are skipped, never applied twice.
            return new CommandResult(index);
        }

        var txn = new StateTxn(current, index);
        object? value;
        try
        {
            value = Dispatch(txn, command);
        }
        catch (ParleyException rejection)
        {
            logger.CommandRejected(command.GetType().Name, index, rejection.Message);
            value = rejection;
            txn = new StateTxn(current, index);
        }

        store.Publish(txn.Commit(), txn.Touched);
        return new CommandResult(index, value);
    }

    private static object? Dispatch(StateTxn txn, Command command) => command switch
    {
        RegisterCatalog c => ApplyRegister(txn, c),
        DeregisterCatalog c => ApplyDeregister(txn, c),
        UpdateCheckStatus c => txn.UpdateCheckStatus("", c.Node, c.CheckID, c.Status, c.Output)
            ? true
            : throw ParleyException.NotFound($"Unknown check ID \"{c.CheckID}\". Ensure that the check ID is passed, not the check name."),
        SetConfigEntry c => txn.SetConfigEntry(c.Kind, c.Name, c.Body, c.Cas),
        DeleteConfigEntry c => txn.DeleteConfigEntry(c.Kind, c.Name, c.Cas),
        Batch c => ApplyBatch(txn, c),
        ApplyKv c => txn.ApplyKv(c.Verb, c.Key, c.Value, c.Flags, c.Index, c.Session, c.Now),
        CreateSession c => txn.CreateSession(c.Session),
        DestroySession c => txn.DestroySession(c.ID, c.Now),
        KvTransaction c => txn.ApplyTransaction([.. c.Ops.Select(op => new TxnKvOp(op))], c.Now),
        Transaction c => txn.ApplyTransaction(c.Ops, c.Now),
        SetPreparedQuery c => txn.SetPreparedQuery(c.Query),
        DeletePreparedQuery c => txn.DeletePreparedQuery(c.ID),
        _ when DispatchAcl(txn, command) is var acl && !ReferenceEquals(acl, NotAcl) => acl,
        _ => DispatchPeering(txn, command) is var result && !ReferenceEquals(result, NotPeering)
            ? result
            // A decoded command without a handler is a programming error; applying past it would diverge.
            : throw new CorruptCommandException($"no handler for command {command.GetType().Name}"),
    };

    private static object? ApplyBatch(StateTxn txn, Batch batch)
    {
        object? last = true;
        foreach (var command in batch.Commands)
        {
            last = Dispatch(txn, command);
        }

        return last;
    }

    private static bool ApplyRegister(StateTxn txn, RegisterCatalog c)
    {
        txn.EnsureNode(c.Node, keepExisting: c.SkipNodeUpdate && txn.GetNode(c.Node.PeerName, c.Node.Name) is not null);
        var node = txn.GetNode(c.Node.PeerName, c.Node.Name)!;
        if (c.Service is not null)
        {
            txn.EnsureService(c.Service with { Node = node.Name, PeerName = node.PeerName });
        }

        foreach (var check in c.Checks)
        {
            txn.EnsureCheck(check with { Node = node.Name, PeerName = node.PeerName });
        }

        return true;
    }

    private static bool ApplyDeregister(StateTxn txn, DeregisterCatalog c)
    {
        // As in Consul, an empty id means "not given": ServiceID "" with a CheckID removes only the check.
        if (!string.IsNullOrEmpty(c.ServiceID))
        {
            txn.DeleteService(c.PeerName, c.Node, c.ServiceID);
        }
        else if (!string.IsNullOrEmpty(c.CheckID))
        {
            txn.DeleteCheck(c.PeerName, c.Node, c.CheckID);
        }
        else
        {
            txn.DeleteNode(c.PeerName, c.Node);
        }

        return true;
    }
}
