namespace Parley.Core.Acl;

/// <summary>The rules of one policy (or of an identity's synthetic policy), decoded and valid.</summary>
public sealed record AclPolicyRules(IReadOnlyList<AclRule> Rules)
{
    /// <summary>No rules: grants nothing, denies nothing.</summary>
    public static readonly AclPolicyRules None = new([]);

    /// <summary>
    /// The synthetic policy of a service identity (Consul's <c>ServiceIdentity</c>): write on the service and its sidecar,
    /// read on every service and node, so a workload can register itself and discover others.
    /// </summary>
    public static AclPolicyRules ForServiceIdentity(string serviceName) => new(
    [
        new AclRule(AclResource.Service, serviceName, false, AclAccess.Write),
        new AclRule(AclResource.Intention, serviceName, false, AclAccess.Read),
        new AclRule(AclResource.Service, serviceName + "-sidecar-proxy", false, AclAccess.Write),
        new AclRule(AclResource.Intention, serviceName + "-sidecar-proxy", false, AclAccess.Read),
        new AclRule(AclResource.Service, "", true, AclAccess.Read),
        new AclRule(AclResource.Intention, "", true, AclAccess.Read),
        new AclRule(AclResource.Node, "", true, AclAccess.Read),
    ]);

    /// <summary>The synthetic policy of a node identity (Consul's <c>NodeIdentity</c>): write on the node, read on services.</summary>
    public static AclPolicyRules ForNodeIdentity(string nodeName) => new(
    [
        new AclRule(AclResource.Node, nodeName, false, AclAccess.Write),
        new AclRule(AclResource.Service, "", true, AclAccess.Read),
        new AclRule(AclResource.Intention, "", true, AclAccess.Read),
    ]);
}
