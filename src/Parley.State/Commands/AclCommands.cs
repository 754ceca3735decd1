using Parley.Core.Acl;

namespace Parley.State.Commands;

/// <summary>Creates or replaces an ACL policy (by ID). Links and hash are filled in by the handler.</summary>
public sealed record SetAclPolicy(AclPolicy Policy) : Command;

/// <summary>Deletes an ACL policy; the built-in <c>global-management</c> policy cannot be deleted.</summary>
public sealed record DeleteAclPolicy(string ID) : Command;

/// <summary>Creates or replaces an ACL role (by ID).</summary>
public sealed record SetAclRole(AclRole Role) : Command;

/// <summary>Deletes an ACL role.</summary>
public sealed record DeleteAclRole(string ID) : Command;

/// <summary>Creates or replaces an ACL token (by AccessorID). Its SecretID never changes once written.</summary>
public sealed record SetAclToken(AclToken Token) : Command;

/// <summary>Deletes an ACL token; the anonymous token cannot be deleted.</summary>
public sealed record DeleteAclToken(string AccessorID) : Command;

/// <summary>
/// <c>PUT /v1/acl/bootstrap</c>: writes the built-in policy, the anonymous token and <paramref name="Token"/> (linked to
/// <c>global-management</c>), once. Refused (Consul's text, with the index it happened at) after the first time.
/// </summary>
public sealed record BootstrapAcl(AclToken Token, AclPolicy ManagementPolicy, AclToken AnonymousToken) : Command;

/// <summary>
/// A leader's start: writes the built-in policy and the anonymous token when absent, and the configured
/// <c>initial_management</c> token when no token has its secret (which, like bootstrapping, ends bootstrap).
/// </summary>
public sealed record InitializeAcl(AclPolicy ManagementPolicy, AclToken AnonymousToken, AclToken? InitialManagement) : Command;
