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
        var existing = op.Verb == CatalogTxnVerb.Get && op.Node.ID.Length > 0 ? NodeById(op.Node.ID) : GetNode("", name);
        switch (op.Verb)
        {
            case CatalogTxnVerb.Get when existing is null:
                return $"node \"{name}\" doesn't exist";
            case CatalogTxnVerb.Cas when !CasMatches(existing?.ModifyIndex, op.Index):
                return $"failed to set node \"{name}\", index is stale";
            case CatalogTxnVerb.Set or CatalogTxnVerb.Cas:
                EnsureNode(op.Node);
                existing = GetNode("", name);
                break;
            case CatalogTxnVerb.DeleteCas when existing is null || existing.ModifyIndex != op.Index:
                return $"failed to delete node \"{name}\", index is stale";
            case CatalogTxnVerb.Delete or CatalogTxnVerb.DeleteCas:
                DeleteNode("", name);
                return null;
        }

        results.Add(new TxnOpResult { Node = existing });
        return null;
    }

    private string? ServiceTxnOp(TxnServiceOp op, List<TxnOpResult> results)
    {
        var (node, id) = (op.Service.Node, op.Service.ID);
        var existing = GetServiceRow(node, id);
        switch (op.Verb)
        {
            case CatalogTxnVerb.Get when existing is null:
                return $"service \"{id}\" on node \"{node}\" doesn't exist";
            case CatalogTxnVerb.Cas when !CasMatches(existing?.ModifyIndex, op.Index):
                return $"failed to set service \"{id}\" on node \"{node}\", index is stale";
            case CatalogTxnVerb.Set or CatalogTxnVerb.Cas:
                EnsureService(op.Service);
                existing = GetServiceRow(node, id);
                break;
            case CatalogTxnVerb.DeleteCas when existing is null || existing.ModifyIndex != op.Index:
                return $"failed to delete service \"{id}\" on node \"{node}\", index is stale";
            case CatalogTxnVerb.Delete or CatalogTxnVerb.DeleteCas:
                DeleteService("", node, id);
                return null;
        }

        results.Add(new TxnOpResult { Service = existing });
        return null;
    }

    private string? CheckTxnOp(TxnCheckOp op, List<TxnOpResult> results)
    {
        var (node, id) = (op.Check.Node, op.Check.CheckID);
        var existing = GetCheckRow(node, id);
        switch (op.Verb)
        {
            case CatalogTxnVerb.Get when existing is null:
                return $"check \"{id}\" on node \"{node}\" doesn't exist";
            case CatalogTxnVerb.Cas when !CasMatches(existing?.ModifyIndex, op.Index):
                return $"failed to set check \"{id}\" on node \"{node}\", index is stale";
            case CatalogTxnVerb.Set or CatalogTxnVerb.Cas:
                EnsureCheck(op.Check);
                existing = GetCheckRow(node, id);
                break;
            case CatalogTxnVerb.DeleteCas when existing is null || existing.ModifyIndex != op.Index:
                return $"failed to delete check \"{id}\" on node \"{node}\", index is stale";
            case CatalogTxnVerb.Delete or CatalogTxnVerb.DeleteCas:
                DeleteCheck("", node, id);
                return null;
        }

        results.Add(new TxnOpResult { Check = existing });
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
