using Parley.Core.Acl;

namespace Parley.State.Store;

public sealed partial class StateSnapshot
{
    internal AclTables Acl { get; init; } = AclTables.Empty;

    /// <summary>The index at which ACLs were bootstrapped; 0 while they have not been.</summary>
    public long AclBootstrapIndex => Acl.BootstrapIndex;

    /// <summary>The highest index of the three ACL tables: what a resolved token's cache is valid for.</summary>
    public long AclIndex => TableIndex(Tables.AclTokens, Tables.AclPolicies, Tables.AclRoles);

    /// <summary>All tokens, by AccessorID.</summary>
    public IEnumerable<AclToken> AclTokens() => Acl.Tokens.Values;

    public AclToken? GetAclToken(string accessorId) => Acl.Tokens.GetValueOrDefault(accessorId);

    public AclToken? GetAclTokenBySecret(string secretId) =>
        Acl.AccessorsBySecret.TryGetValue(secretId, out var accessor) ? Acl.Tokens.GetValueOrDefault(accessor) : null;

    /// <summary>All policies, ordered by name.</summary>
    public IEnumerable<AclPolicy> AclPolicies() => Acl.Policies.Values.OrderBy(p => p.Name, StringComparer.Ordinal);

    public AclPolicy? GetAclPolicy(string id) => Acl.Policies.GetValueOrDefault(id);

    public AclPolicy? GetAclPolicyByName(string name) => Acl.Policies.Values.FirstOrDefault(p => p.Name == name);

    /// <summary>All roles, ordered by name.</summary>
    public IEnumerable<AclRole> AclRoles() => Acl.Roles.Values.OrderBy(r => r.Name, StringComparer.Ordinal);

    public AclRole? GetAclRole(string id) => Acl.Roles.GetValueOrDefault(id);

    public AclRole? GetAclRoleByName(string name) => Acl.Roles.Values.FirstOrDefault(r => r.Name == name);
}
