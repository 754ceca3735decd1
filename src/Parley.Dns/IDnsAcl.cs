using Parley.Core.Acl;

namespace Parley.Dns;

/// <summary>
/// Who the DNS interface answers as. DNS questions carry no token, so, as Consul's, every lookup is made with the
/// agent's DNS token (<c>acl.tokens.dns</c>, else <c>acl.tokens.default</c>, else the anonymous token) and answers
/// only what that token may read.
/// </summary>
public interface IDnsAcl
{
    /// <summary>The token's authorizer now; null when ACLs are off (everything is answered).</summary>
    AclAuthorizer? Authorizer();

    /// <summary>
    /// <paramref name="token"/>'s authorizer now (a prepared query's own token); null when ACLs are off. A token that names
    /// nothing reads nothing.
    /// </summary>
    AclAuthorizer? Authorizer(string token);
}
