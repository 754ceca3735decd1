using System.Security.Cryptography;
using System.Text;

namespace Parley.Core.Acl;

/// <summary>
/// The <c>Hash</c> Consul shows on tokens, policies and roles: a digest of what grants access (not of indexes), so a
/// client can tell whether two versions differ. Base64 of SHA-256 over the fields in a fixed order.
/// </summary>
public static class AclHash
{
    public static string Of(AclPolicy policy) =>
        Digest(policy.Name, policy.Description, policy.Rules, string.Join(",", policy.Datacenters));

    public static string Of(AclRole role) =>
        Digest(role.Name, role.Description, Links(role.Policies), Identities(role.ServiceIdentities, role.NodeIdentities));

    public static string Of(AclToken token) =>
        Digest(token.Description, Links(token.Policies), Links(token.Roles), Identities(token.ServiceIdentities, token.NodeIdentities),
            token.Local ? "local" : "global");

    private static string Links(IEnumerable<AclLink> links) => string.Join(",", links.Select(l => l.ID));

    private static string Identities(IEnumerable<AclServiceIdentity> services, IEnumerable<AclNodeIdentity> nodes) =>
        string.Join(",", services.Select(s => s.ServiceName + "@" + string.Join("+", s.Datacenters ?? [])))
        + ";" + string.Join(",", nodes.Select(n => n.NodeName + "@" + n.Datacenter));

    private static string Digest(params string[] fields) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\0", fields))));
}
