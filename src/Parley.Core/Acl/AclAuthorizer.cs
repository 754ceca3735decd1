namespace Parley.Core.Acl;

/// <summary>
/// What one token may do, from the rules of all its policies, roles and identities, with Consul's precedence: rules
/// for the same resource, name and kind (exact or prefix) merge to the strongest (deny, write, list, read); then an
/// exact rule for the name decides, else the longest prefix that the name starts with, else the agent's default
/// policy. <c>mesh</c> and <c>peering</c> without a rule of their own follow <c>operator</c>. <c>acl</c> is never
/// granted by the default policy, only by a rule or management.
/// </summary>
/// <remarks>Immutable; one instance is shared by every request made with the token until the ACL tables change.</remarks>
public sealed class AclAuthorizer
{
    private readonly Dictionary<AclResource, ResourceRules> _rules;
    private readonly bool _defaultAllow;

    private AclAuthorizer(string accessorId, bool management, bool defaultAllow, Dictionary<AclResource, ResourceRules> rules)
    {
        AccessorId = accessorId;
        IsManagement = management;
        _defaultAllow = defaultAllow;
        _rules = rules;
    }

    /// <summary>The token's AccessorID, named in refusals.</summary>
    public string AccessorId { get; }

    /// <summary>True for a management token (linked to <c>global-management</c>): everything is allowed.</summary>
    public bool IsManagement { get; }

    /// <summary>A management token's authorizer.</summary>
    public static AclAuthorizer Management(string accessorId) => new(accessorId, true, true, []);

    /// <summary>Builds the authorizer of a token holding <paramref name="policies"/>, under the agent's default policy.</summary>
    public static AclAuthorizer Create(string accessorId, IEnumerable<AclPolicyRules> policies, bool defaultAllow)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var merged = new Dictionary<(AclResource, string, bool), AclAccess>();
        foreach (var rule in policies.SelectMany(p => p.Rules))
        {
            var key = (rule.Resource, rule.Name, rule.Prefix);
            merged[key] = merged.TryGetValue(key, out var existing) ? AclResources.Strongest(existing, rule.Access) : rule.Access;
        }

        var rules = merged
            .GroupBy(p => p.Key.Item1)
            .ToDictionary(g => g.Key, g => new ResourceRules(
                g.Where(p => !p.Key.Item3).ToDictionary(p => p.Key.Item2, p => p.Value, StringComparer.Ordinal),
                [.. g.Where(p => p.Key.Item3).Select(p => (p.Key.Item2, p.Value)).OrderByDescending(p => p.Item1.Length)]));
        return new AclAuthorizer(accessorId, false, defaultAllow, rules);
    }

    /// <summary>Whether the token may have <paramref name="access"/> to <paramref name="resource"/> <paramref name="name"/>.</summary>
    public bool Allows(AclResource resource, AclAccess access, string name = "")
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IsManagement)
        {
            return true;
        }

        var rule = RuleFor(resource, name);
        if (rule is null && resource is AclResource.Mesh or AclResource.Peering)
        {
            rule = RuleFor(AclResource.Operator, "");
        }

        return rule is { } granted ? granted.Grants(access) : _defaultAllow && resource != AclResource.Acl;
    }

    /// <summary>The access of the most specific rule for <paramref name="name"/>: exact, else longest prefix; null when none.</summary>
    public AclAccess? RuleFor(AclResource resource, string name)
    {
        if (!_rules.TryGetValue(resource, out var rules))
        {
            return null;
        }

        if (rules.Exact.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (prefix, access) in rules.Prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return access;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the token has <paramref name="access"/> to at least one <paramref name="resource"/> (Consul's
    /// <c>ServiceWriteAny</c>): some exact or prefix rule grants it, or no rule does and the default policy allows.
    /// </summary>
    public bool AllowsAny(AclResource resource, AclAccess access)
    {
        if (IsManagement)
        {
            return true;
        }

        if (!_rules.TryGetValue(resource, out var rules))
        {
            return _defaultAllow && resource != AclResource.Acl;
        }

        return rules.Exact.Values.Any(a => a.Grants(access)) || rules.Prefixes.Any(p => p.Access.Grants(access))
            || (_defaultAllow && resource != AclResource.Acl && !rules.Prefixes.Any(p => p.Prefix.Length == 0));
    }

    /// <summary>
    /// Whether the token may write everything under <paramref name="prefix"/> (Consul's <c>KeyWritePrefix</c>, for a
    /// recursive delete): write on the prefix itself, and no exact or prefix rule for a longer name under it that grants
    /// less.
    /// </summary>
    public bool AllowsWriteUnder(AclResource resource, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (IsManagement)
        {
            return true;
        }

        if (!Allows(resource, AclAccess.Write, prefix))
        {
            return false;
        }

        return !_rules.TryGetValue(resource, out var rules)
            || (rules.Exact.All(r => !r.Key.StartsWith(prefix, StringComparison.Ordinal) || r.Value.Grants(AclAccess.Write))
                && rules.Prefixes.All(p => p.Prefix.Length <= prefix.Length || !p.Prefix.StartsWith(prefix, StringComparison.Ordinal)
                    || p.Access.Grants(AclAccess.Write)));
    }

    /// <summary>Throws Consul's refusal (without a name) unless <see cref="AllowsAny"/>.</summary>
    /// <exception cref="ParleyException">PermissionDenied.</exception>
    public void RequireAny(AclResource resource, AclAccess access)
    {
        if (!AllowsAny(resource, access))
        {
            throw new ParleyException(ErrorCode.PermissionDenied, DeniedMessage(AccessorId, resource, access, ""));
        }
    }

    /// <summary>Throws Consul's refusal unless <see cref="Allows"/>.</summary>
    /// <exception cref="ParleyException">PermissionDenied, with <see cref="DeniedMessage"/>.</exception>
    public void Require(AclResource resource, AclAccess access, string name = "")
    {
        if (!Allows(resource, access, name))
        {
            throw new ParleyException(ErrorCode.PermissionDenied, DeniedMessage(AccessorId, resource, access, name));
        }
    }

    /// <summary>
    /// Consul's refusal text: <c>Permission denied: token with AccessorID '&lt;id&gt;' lacks permission
    /// 'service:read' on "web"</c> (no name part for unnamed resources); the anonymous token is named as such.
    /// </summary>
    public static string DeniedMessage(string accessorId, AclResource resource, AclAccess access, string name)
    {
        var who = accessorId == AclIds.AnonymousTokenId ? "anonymous token" : $"token with AccessorID '{accessorId}'";
        var on = name.Length > 0 ? $" on \"{name}\"" : "";
        var hint = accessorId == AclIds.AnonymousTokenId
            ? ". The anonymous token is used implicitly when a request does not specify a token."
            : "";
        return $"Permission denied: {who} lacks permission '{resource.Name()}:{access.Name()}'{on}{hint}";
    }

    private sealed record ResourceRules(Dictionary<string, AclAccess> Exact, List<(string Prefix, AclAccess Access)> Prefixes);
}
