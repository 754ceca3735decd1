using Parley.Core;
using Parley.Core.Acl;
using Parley.Core.Catalog;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Acl;

internal static partial class AclWrites
{
    /// <summary>
    /// Consul's Txn preCheck for one Node, Service or Check op: the refusal text, reported as that op's error, or null
    /// when allowed. Node writes need <c>node:write</c>; service writes what a registration or deregistration of the instance
    /// needs, and <c>service:write</c> on the name an existing instance of that ID has; check writes the rights on the
    /// check as it is and, for a set, as it will be (a check on a service set earlier in the same transaction is judged by
    /// that service). Gets are allowed here; their results are filtered on the way out.
    /// </summary>
    /// <param name="authorizer">The request's token.</param>
    /// <param name="op">The op.</param>
    /// <param name="earlier">The ops before it in the transaction.</param>
    /// <param name="snapshot">The state the transaction applies to.</param>
    public static string? DeniedTxnOp(AclAuthorizer authorizer, TxnOp op, IReadOnlyList<TxnOp> earlier, StateSnapshot snapshot)
    {
        try
        {
            switch (op)
            {
                case TxnNodeOp { Verb: not CatalogTxnVerb.Get } n:
                    authorizer.Require(AclResource.Node, AclAccess.Write, n.Node.Name);
                    break;
                case TxnServiceOp { Verb: CatalogTxnVerb.Set or CatalogTxnVerb.Cas, Service: var s }:
                    Vet(authorizer, new RegisterCatalog(new Node { Name = s.Node }, s, []) { SkipNodeUpdate = true }, snapshot);
                    if (snapshot.GetService(s.Node, s.ID) is { } existing && existing.Service != s.Service)
                    {
                        authorizer.Require(AclResource.Service, AclAccess.Write, existing.Service);
                    }

                    break;
                case TxnServiceOp { Verb: CatalogTxnVerb.Delete or CatalogTxnVerb.DeleteCas, Service: var s }:
                    VetDeregister(authorizer, new DeregisterCatalog(s.Node, s.ID, null), snapshot);
                    break;
                case TxnCheckOp { Verb: not CatalogTxnVerb.Get, Check: var c } checkOp:
                    if (snapshot.GetCheck(c.Node, c.CheckID) is { } current)
                    {
                        VetCheck(authorizer, current.Node, current.ServiceName);
                    }

                    if (checkOp.Verb is CatalogTxnVerb.Set or CatalogTxnVerb.Cas)
                    {
                        VetCheck(authorizer, c.Node, ServiceNameOf(c, earlier, snapshot));
                    }

                    break;
            }

            return null;
        }
        catch (ParleyException e) when (e.Code == ErrorCode.PermissionDenied)
        {
            return e.Message;
        }
    }

    /// <summary>The name of the service a check belongs to: as stored, or as set by an earlier op; "" for a node check.</summary>
    private static string ServiceNameOf(HealthCheck check, IReadOnlyList<TxnOp> earlier, StateSnapshot snapshot) =>
        check.ServiceID.Length == 0 ? ""
        : earlier.OfType<TxnServiceOp>().LastOrDefault(s =>
                s.Verb is CatalogTxnVerb.Set or CatalogTxnVerb.Cas && s.Service.ID == check.ServiceID
                && string.Equals(s.Service.Node, check.Node, StringComparison.OrdinalIgnoreCase))?.Service.Service
            ?? snapshot.GetService(check.Node, check.ServiceID)?.Service ?? "";
}
