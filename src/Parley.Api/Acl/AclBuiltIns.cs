using Parley.Core.Acl;

namespace Parley.Api.Acl;

/// <summary>Consul's built-in ACL objects, as bootstrap and a leader's start write them.</summary>
public static class AclBuiltIns
{
    /// <summary>The <c>global-management</c> policy.</summary>
    public static AclPolicy ManagementPolicy()
    {
        var policy = new AclPolicy
        {
            ID = AclIds.GlobalManagementPolicyId,
            Name = AclIds.GlobalManagementPolicyName,
            Description = "Builtin Policy that grants unlimited access",
            Rules = AclIds.GlobalManagementRules,
        };
        return policy with { Hash = AclHash.Of(policy) };
    }

    /// <summary>The anonymous token (no policies: the default policy decides for it).</summary>
    public static AclToken AnonymousToken(DateTimeOffset now) => WithHash(new AclToken
    {
        AccessorID = AclIds.AnonymousTokenId,
        SecretID = AclIds.AnonymousSecret,
        Description = "Anonymous Token",
        CreateTime = now,
    });

    /// <summary>A management token with <paramref name="secret"/>.</summary>
    public static AclToken ManagementToken(string accessorId, string secret, string description, DateTimeOffset now)
        => WithHash(new AclToken
        {
            AccessorID = accessorId,
            SecretID = secret,
            Description = description,
            Policies = [new AclLink(AclIds.GlobalManagementPolicyId, AclIds.GlobalManagementPolicyName)],
            CreateTime = now,
        });

    private static AclToken WithHash(AclToken token) => token with { Hash = AclHash.Of(token) };
}
