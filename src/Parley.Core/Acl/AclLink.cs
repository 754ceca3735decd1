namespace Parley.Core.Acl;

/// <summary>A token's or role's link to a policy or role: Consul's <c>{"ID", "Name"}</c>.</summary>
public sealed record AclLink(string ID, string Name);
