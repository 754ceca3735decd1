using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.Catalog;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Acl;

/// <summary>
/// What a catalog write needs, as Consul's <c>vetRegisterWithACL</c> / <c>vetDeregisterWithACL</c> decide:
/// <c>service:write</c> on a registered service (and, for a proxy, on the service it fronts), <c>node:write</c> on a
/// node that is new or changed, and for each check <c>service:write</c> on its service or, for a node check,
/// <c>node:write</c>. Used by the catalog and agent endpoints alike, on the very command that will be applied.
/// </summary>
internal static partial class AclWrites
{
    /// <summary>
    /// Throws Consul's 403 unless the token may apply <paramref name="command"/> (a register, deregister or batch of them).
    /// </summary>
    /// <param name="api">The request.</param>
    /// <param name="command">The command about to be applied.</param>
    /// <param name="snapshot">The state it applies to (for the services of existing checks and the node as it is).</param>
    public static void Require(ApiContext api, Command command, StateSnapshot snapshot)
    {
        if (api.Authorizer is not { IsManagement: false } authorizer)
        {
            return;
        }

        Vet(authorizer, command, snapshot);
    }

    private static void Vet(AclAuthorizer authorizer, Command command, StateSnapshot snapshot)
    {
        switch (command)
        {
            case Batch batch:
                foreach (var inner in batch.Commands)
                {
                    Vet(authorizer, inner, snapshot);
                }

                break;
            case RegisterCatalog register:
                VetRegister(authorizer, register, snapshot);
                break;
            case DeregisterCatalog deregister:
                VetDeregister(authorizer, deregister, snapshot);
                break;
            case UpdateCheckStatus update:
                VetCheck(authorizer, update.Node, snapshot.GetCheck(update.Node, update.CheckID)?.ServiceName ?? "");
                break;
        }
    }

    private static void VetRegister(AclAuthorizer authorizer, RegisterCatalog register, StateSnapshot snapshot)
    {
        var node = register.Node;
        if (!register.SkipNodeUpdate && (snapshot.GetNode(node.Name) is not { } existing || !Same(existing, node)))
        {
            authorizer.Require(AclResource.Node, AclAccess.Write, node.Name);
        }

        if (register.Service is { } service)
        {
            authorizer.Require(AclResource.Service, AclAccess.Write, service.Service);
            if (service.Proxy?.DestinationServiceName is { Length: > 0 } destination)
            {
                authorizer.Require(AclResource.Service, AclAccess.Write, destination);
            }
        }

        foreach (var check in register.Checks)
        {
            var serviceName = check.ServiceID.Length == 0 ? ""
                : check.ServiceID == register.Service?.ID ? register.Service.Service
                : snapshot.GetService(node.Name, check.ServiceID)?.Service ?? check.ServiceName;
            VetCheck(authorizer, node.Name, serviceName);
        }
    }

    private static void VetDeregister(AclAuthorizer authorizer, DeregisterCatalog deregister, StateSnapshot snapshot)
    {
        if (deregister.ServiceID is { } serviceId)
        {
            if (snapshot.GetService(deregister.Node, serviceId) is { } service)
            {
                authorizer.Require(AclResource.Service, AclAccess.Write, service.Service);
            }
            else
            {
                authorizer.Require(AclResource.Node, AclAccess.Write, deregister.Node);
            }
        }
        else if (deregister.CheckID is { } checkId)
        {
            VetCheck(authorizer, deregister.Node, snapshot.GetCheck(deregister.Node, checkId)?.ServiceName ?? "");
        }
        else
        {
            authorizer.Require(AclResource.Node, AclAccess.Write, deregister.Node);
        }
    }

    /// <summary>A service's check needs <c>service:write</c> on the service; a node's check <c>node:write</c> on the node.</summary>
    private static void VetCheck(AclAuthorizer authorizer, string node, string serviceName)
    {
        if (serviceName.Length > 0)
        {
            authorizer.Require(AclResource.Service, AclAccess.Write, serviceName);
        }
        else
        {
            authorizer.Require(AclResource.Node, AclAccess.Write, node);
        }
    }

    /// <summary>Consul asks for <c>node:write</c> only when the registration would change the node.</summary>
    private static bool Same(Node existing, Node node) =>
        existing.Address == node.Address
        && (node.ID.Length == 0 || existing.ID == node.ID)
        && existing.TaggedAddresses.Count == node.TaggedAddresses.Count && !existing.TaggedAddresses.Except(node.TaggedAddresses).Any()
        && existing.Meta.Count == node.Meta.Count && !existing.Meta.Except(node.Meta).Any();
}
