namespace Parley.Core.Acl;

/// <summary>
/// One rule: <paramref name="Access"/> to <paramref name="Resource"/> named <paramref name="Name"/> exactly, or to every
/// name starting with it when <paramref name="Prefix"/>. Unnamed resources (<c>acl</c>, <c>operator</c>, ...) have one
/// exact rule with an empty name.
/// </summary>
public sealed record AclRule(AclResource Resource, string Name, bool Prefix, AclAccess Access);
