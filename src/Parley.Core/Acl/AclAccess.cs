namespace Parley.Core.Acl;

/// <summary>
/// A level of access, both what a rule grants and what a request needs. Ordered by Consul's precedence when two
/// rules for the same name meet: <see cref="Deny"/> beats <see cref="Write"/> beats <see cref="List"/> beats
/// <see cref="Read"/>.
/// </summary>
public enum AclAccess
{
    /// <summary><c>read</c>: reads only.</summary>
    Read = 1,

    /// <summary><c>list</c> (key rules only): reads and lists keys.</summary>
    List = 2,

    /// <summary><c>write</c>: everything, including reads and lists.</summary>
    Write = 3,

    /// <summary><c>deny</c>: nothing, and no broader rule applies.</summary>
    Deny = 4,
}
