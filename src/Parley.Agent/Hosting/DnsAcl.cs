using Parley.Api.Acl;
using Parley.Core;
using Parley.Core.Acl;
using Parley.Dns;

namespace Parley.Agent.Hosting;

/// <summary>
/// The DNS interface's token resolved like an HTTP request's (cached, and current after a token or policy change):
/// <c>acl.tokens.dns</c> (or what <c>PUT /v1/agent/token/dns</c> set since), else the default token, else the anonymous
/// token.
/// </summary>
internal sealed class DnsAcl(AclOptions options, AgentTokens tokens, AclResolver resolver) : IDnsAcl
{
    // A token that names nothing (mistyped, deleted, or the ACL tables not written yet) reads nothing: DNS has no way
    // to answer "ACL not found", and falling back to a broader token would grant what the operator did not.
    private static readonly AclAuthorizer Nothing = AclAuthorizer.Create("", [], defaultAllow: false);

    /// <inheritdoc/>
    public AclAuthorizer? Authorizer() => Authorizer(tokens.Dns);

    /// <inheritdoc/>
    public AclAuthorizer? Authorizer(string token)
    {
        if (!options.Enabled)
        {
            return null;
        }

        try
        {
            return resolver.Resolve(token);
        }
        catch (ParleyException)
        {
            return Nothing;
        }
    }
}
