using Parley.Core.Catalog;
using Parley.State.Commands;

namespace Parley.State.Store;

/// <summary>
/// The Node, Service and Check operations of a transaction (Consul's <c>txnNode</c>, <c>txnService</c>, <c>txnCheck</c>):
/// each returns Consul's failure text or null, and adds the row it read or wrote to the results. Writes go through the
/// same mutations as catalog registration and deregistration, so indexes, watchers and validation are the same.
/// </summary>
internal sealed partial class StateTxn
{
    private string? NodeTxnOp(TxnNodeOp op, List<TxnOpResult> results)
    {
        var name = op.Node.Name;
        return RowTxnOp(
            op.Verb,
            op.Index,
            $"node \"{name}\"",
            () => op.Verb == CatalogTxnVerb.Get && op.Node.ID.Length > 0 ? NodeById(op.Node.ID) : GetNode("", name),
            n => n.ModifyIndex,
            () => EnsureNode(op.Node),
            () => DeleteNode("", name),
            n => results.Add(new TxnOpResult { Node = n }));
    }

    private string? ServiceTxnOp(TxnServiceOp op, List<TxnOpResult> results)
    {
        var (node, id) = (op.Service.Node, op.Service.ID);
        return RowTxnOp(
            op.Verb,
            op.Index,
            $"service \"{id}\" on node \"{node}\"",
            () => GetServiceRow(node, id),
            s => s.ModifyIndex,
            () => EnsureService(op.Service),
            () => DeleteService("", node, id),
            s => results.Add(new TxnOpResult { Service = s }));
    }

    private string? CheckTxnOp(TxnCheckOp op, List<TxnOpResult> results)
    {
        var (node, id) = (op.Check.Node, op.Check.CheckID);
        return RowTxnOp(
            op.Verb,
            op.Index,
            $"check \"{id}\" on node \"{node}\"",
            () => GetCheckRow(node, id),
            c => c.ModifyIndex,
            () => EnsureCheck(op.Check),
            () => DeleteCheck("", node, id),
            c => results.Add(new TxnOpResult { Check = c }));
    }

    /// <summary>
    /// One catalog row's verb, the same for nodes, services and checks: get, set, cas, delete and delete-cas with
    /// Consul's texts naming <paramref name="what"/>. Get, set and cas report the row (as stored after the write).
    /// </summary>
    private static string? RowTxnOp<T>(
        CatalogTxnVerb verb,
        long index,
        string what,
        Func<T?> read,
        Func<T, long> modifyIndex,
        Action write,
        Action delete,
        Action<T?> report)
        where T : class
    {
        var existing = read();
        switch (verb)
        {
            case CatalogTxnVerb.Get when existing is null:
                return $"{what} doesn't exist";
            case CatalogTxnVerb.Cas when !CasMatches(existing is null ? null : modifyIndex(existing), index):
                return $"failed to set {what}, index is stale";
            case CatalogTxnVerb.Set or CatalogTxnVerb.Cas:
                write();
                existing = read();
                break;
            case CatalogTxnVerb.DeleteCas when existing is null || modifyIndex(existing) != index:
                return $"failed to delete {what}, index is stale";
            case CatalogTxnVerb.Delete or CatalogTxnVerb.DeleteCas:
                delete();
                return null;
        }

        report(existing);
        return null;
    }

    /// <summary>Consul's catalog check-and-set: index 0 writes only a new row, any other only over a row at that index.</summary>
    private static bool CasMatches(long? existingModifyIndex, long index) =>
        index == 0 ? existingModifyIndex is null : existingModifyIndex == index;

    private Node? NodeById(string id) =>
        _nodes.Values.FirstOrDefault(n => n.PeerName.Length == 0 && string.Equals(n.ID, id, StringComparison.OrdinalIgnoreCase));

    private ServiceInstance? GetServiceRow(string node, string id) =>
        _services.GetValueOrDefault(Keys.Node("", node))?.GetValueOrDefault(id);
}
