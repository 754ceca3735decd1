using Parley.Core.Acl;

namespace Parley.Core.Tests.Acl;

/// <summary>
/// A reference evaluator for ACL rules written the long way (every rule scanned for every question), shared by the
/// authorizer's property tests and the HTTP fuzz test (linked into Parley.IntegrationTests).
/// </summary>
internal static class AclReference
{
    /// <summary>Consul's rules, read straight off the docs: exact over prefix, longest prefix, deny wins at equal specificity.</summary>
    public static bool Allows(IReadOnlyList<AclRule> rules, bool defaultAllow, AclResource resource, AclAccess needed, string name)
    {
        var granted = MostSpecific(rules, resource, name);
        if (granted is null && (resource == AclResource.Mesh || resource == AclResource.Peering))
        {
            granted = MostSpecific(rules, AclResource.Operator, "");
        }

        if (granted is null)
        {
            return defaultAllow && resource != AclResource.Acl;
        }

        return granted switch
        {
            AclAccess.Deny => false,
            AclAccess.Write => true,
            AclAccess.List => needed == AclAccess.Read || needed == AclAccess.List,
            _ => needed == AclAccess.Read,
        };
    }

    private static AclAccess? MostSpecific(IReadOnlyList<AclRule> rules, AclResource resource, string name)
    {
        var exact = rules.Where(r => r.Resource == resource && !r.Prefix && r.Name == name).ToList();
        if (exact.Count > 0)
        {
            return Strongest(exact);
        }

        var prefixes = rules.Where(r => r.Resource == resource && r.Prefix && name.StartsWith(r.Name, StringComparison.Ordinal)).ToList();
        if (prefixes.Count == 0)
        {
            return null;
        }

        var longest = prefixes.Max(r => r.Name.Length);
        return Strongest([.. prefixes.Where(r => r.Name.Length == longest)]);
    }

    private static AclAccess Strongest(List<AclRule> rules)
    {
        foreach (var access in new[] { AclAccess.Deny, AclAccess.Write, AclAccess.List, AclAccess.Read })
        {
            if (rules.Any(r => r.Access == access))
            {
                return access;
            }
        }

        throw new InvalidOperationException("no rules");
    }
}
