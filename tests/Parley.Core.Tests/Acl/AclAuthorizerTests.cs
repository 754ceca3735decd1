using Parley.Core.Acl;

namespace Parley.Core.Tests.Acl;

public sealed class AclAuthorizerTests
{
    private static AclAuthorizer Of(bool defaultAllow, params AclRule[] rules)
        => AclAuthorizer.Create("acc-1", [new AclPolicyRules(rules)], defaultAllow);

    [Fact]
    public void ExactRule_BeatsABroaderPrefix()
    {
        var authz = Of(
            false,
            new AclRule(AclResource.Service, "", true, AclAccess.Write),
            new(AclResource.Service, "web", false, AclAccess.Read));
        Assert.False(authz.Allows(AclResource.Service, AclAccess.Write, "web"));
        Assert.True(authz.Allows(AclResource.Service, AclAccess.Write, "web2"));
    }

    [Fact]
    public void LongestPrefix_Wins()
    {
        var authz = Of(
            true,
            new AclRule(AclResource.Key, "app/", true, AclAccess.Deny),
            new(AclResource.Key, "app/public/", true, AclAccess.Read));
        Assert.True(authz.Allows(AclResource.Key, AclAccess.Read, "app/public/x"));
        Assert.False(authz.Allows(AclResource.Key, AclAccess.Read, "app/secret"));
        Assert.True(authz.Allows(AclResource.Key, AclAccess.Write, "other"));
    }

    [Fact]
    public void Deny_WinsAcrossPoliciesForTheSameName()
    {
        var authz = AclAuthorizer.Create(
            "acc-1",
            [new AclPolicyRules([new(AclResource.Node, "n1", false, AclAccess.Write)]),
                new AclPolicyRules([new(AclResource.Node, "n1", false, AclAccess.Deny)])],
            defaultAllow: true);
        Assert.False(authz.Allows(AclResource.Node, AclAccess.Read, "n1"));
    }

    [Fact]
    public void PeeringAndMesh_FallBackToOperator()
    {
        var authz = Of(false, new AclRule(AclResource.Operator, "", false, AclAccess.Read));
        Assert.True(authz.Allows(AclResource.Peering, AclAccess.Read));
        Assert.False(authz.Allows(AclResource.Peering, AclAccess.Write));
        Assert.True(authz.Allows(AclResource.Mesh, AclAccess.Read));
        var own = Of(
            false,
            new AclRule(AclResource.Operator, "", false, AclAccess.Write),
            new(AclResource.Peering, "", false, AclAccess.Deny));
        Assert.False(own.Allows(AclResource.Peering, AclAccess.Read));
    }

    [Fact]
    public void AclResource_IsNeverGrantedByTheDefaultPolicy()
    {
        Assert.False(Of(true).Allows(AclResource.Acl, AclAccess.Read));
        Assert.True(Of(true).Allows(AclResource.Operator, AclAccess.Write));
        Assert.False(Of(false).Allows(AclResource.Operator, AclAccess.Read));
    }

    [Fact]
    public void DeniedMessage_IsConsuls()
    {
        Assert.Equal(
            "Permission denied: token with AccessorID 'acc-1' lacks permission 'peering:write'",
            AclAuthorizer.DeniedMessage("acc-1", AclResource.Peering, AclAccess.Write, ""));
        Assert.Equal(
            "Permission denied: token with AccessorID 'acc-1' lacks permission 'service:read' on \"web\"",
            AclAuthorizer.DeniedMessage("acc-1", AclResource.Service, AclAccess.Read, "web"));
        Assert.Equal(
            "Permission denied: anonymous token lacks permission 'peering:" +
                "read'. The anonymous token is used implicitly when a request does not specify a token.",
            AclAuthorizer.DeniedMessage(AclIds.AnonymousTokenId, AclResource.Peering, AclAccess.Read, ""));
    }

    [Fact]
    public void ServiceIdentity_WritesItsServiceAndSidecar_ReadsTheRest()
    {
        var authz = AclAuthorizer.Create("acc-1", [AclPolicyRules.ForServiceIdentity("web")], defaultAllow: false);
        Assert.True(authz.Allows(AclResource.Service, AclAccess.Write, "web"));
        Assert.True(authz.Allows(AclResource.Service, AclAccess.Write, "web-sidecar-proxy"));
        Assert.False(authz.Allows(AclResource.Service, AclAccess.Write, "api"));
        Assert.True(authz.Allows(AclResource.Service, AclAccess.Read, "api"));
        Assert.True(authz.Allows(AclResource.Node, AclAccess.Read, "n1"));
        Assert.False(authz.Allows(AclResource.Intention, AclAccess.Write, "web"));
    }
}
