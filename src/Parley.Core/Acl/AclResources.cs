namespace Parley.Core.Acl;

/// <summary>Consul's names of <see cref="AclResource"/> and <see cref="AclAccess"/>, as permission errors show them.</summary>
public static class AclResources
{
    /// <summary>The resource's name in rules and in <c>lacks permission '&lt;resource&gt;:&lt;access&gt;'</c>.</summary>
    public static string Name(this AclResource resource) => resource switch
    {
        AclResource.Acl => "acl",
        AclResource.Agent => "agent",
        AclResource.Event => "event",
        AclResource.Intention => "intention",
        AclResource.Key => "key",
        AclResource.Keyring => "keyring",
        AclResource.Mesh => "mesh",
        AclResource.Node => "node",
        AclResource.Operator => "operator",
        AclResource.Peering => "peering",
        AclResource.Query => "query",
        AclResource.Service => "service",
        AclResource.Session => "session",
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, null),
    };

    /// <summary>The access level's name: <c>read</c>, <c>list</c>, <c>write</c> or <c>deny</c>.</summary>
    public static string Name(this AclAccess access) => access switch
    {
        AclAccess.Read => "read",
        AclAccess.List => "list",
        AclAccess.Write => "write",
        AclAccess.Deny => "deny",
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
    };

    /// <summary>True for resources whose rules name nothing (<c>acl = "read"</c>).</summary>
    public static bool IsUnnamed(this AclResource resource) =>
        resource is AclResource.Acl or AclResource.Keyring or AclResource.Mesh or AclResource.Operator or AclResource.Peering;

    /// <summary>Parses a policy value; <paramref name="allowList"/> admits <c>list</c> (key rules only).</summary>
    public static bool TryParseAccess(string value, bool allowList, out AclAccess access)
    {
        access = value switch
        {
            "read" => AclAccess.Read,
            "write" => AclAccess.Write,
            "deny" => AclAccess.Deny,
            "list" when allowList => AclAccess.List,
            _ => 0,
        };
        return access != 0;
    }

    /// <summary>Whether a rule granting <paramref name="granted"/> allows a request needing <paramref name="needed"/>.</summary>
    public static bool Grants(this AclAccess granted, AclAccess needed) => granted switch
    {
        AclAccess.Write => true,
        AclAccess.List => needed is AclAccess.Read or AclAccess.List,
        AclAccess.Read => needed == AclAccess.Read,
        _ => false,
    };

    /// <summary>The access that wins when two rules for the same name and kind meet (deny, then write, list, read).</summary>
    public static AclAccess Strongest(AclAccess a, AclAccess b) => a >= b ? a : b;
}
