using Parley.Core.Acl;
using Parley.Core.Catalog;
using Parley.State.Store;

namespace Parley.Api.Acl;

/// <summary>
/// Which catalog rows a token may read, as Consul's ACL filter decides: a node needs <c>node:read</c>, a service
/// instance <c>service:read</c> on its service and <c>node:read</c> on its node, a check <c>node:read</c> on its node
/// and, when it belongs to a service, <c>service:read</c> on that service. Rows imported from a peer need only the
/// service part (their nodes are the peer's, which no local rule names).
/// </summary>
internal static class AclRows
{
    public static bool Node(AclAuthorizer authorizer, Node node) =>
        node.PeerName.Length > 0 || authorizer.Allows(AclResource.Node, AclAccess.Read, node.Name);

    public static bool Service(AclAuthorizer authorizer, string service) =>
        authorizer.Allows(AclResource.Service, AclAccess.Read, service);

    public static bool Instance(AclAuthorizer authorizer, Node node, ServiceInstance instance) =>
        Node(authorizer, node) && Service(authorizer, instance.Service);

    public static bool Instance(AclAuthorizer authorizer, CheckServiceNode row) => Instance(authorizer, row.Node, row.Service);

    public static bool Check(AclAuthorizer authorizer, HealthCheck check) =>
        (check.PeerName.Length > 0 || authorizer.Allows(AclResource.Node, AclAccess.Read, check.Node))
        && (check.ServiceName.Length == 0 || Service(authorizer, check.ServiceName));
}
