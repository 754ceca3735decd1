namespace Parley.Core.Acl;

/// <summary>
/// Consul's <c>ServiceIdentity</c>: a synthetic policy for one service (see <see cref="AclPolicyRules.ForServiceIdentity"/>).
/// </summary>
public sealed record AclServiceIdentity(string ServiceName, IReadOnlyList<string>? Datacenters = null);
