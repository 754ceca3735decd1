namespace Parley.Core.Acl;

/// <summary>The fixed ids and texts of Consul's built-in ACL objects.</summary>
public static class AclIds
{
    /// <summary>The built-in <c>global-management</c> policy's ID; a token linked to it may do everything.</summary>
    public const string GlobalManagementPolicyId = "00000000-0000-0000-0000-000000000001";

    /// <summary>The built-in management policy's name.</summary>
    public const string GlobalManagementPolicyName = "global-management";

    /// <summary>The anonymous token's AccessorID: the token of requests that carry none.</summary>
    public const string AnonymousTokenId = "00000000-0000-0000-0000-000000000002";

    /// <summary>The anonymous token's SecretID.</summary>
    public const string AnonymousSecret = "anonymous";

    /// <summary>The management policy's rules, as Consul shows them (informational: the ID is what grants management).</summary>
    public const string GlobalManagementRules = """

        acl = "write"
        agent_prefix "" {
          policy = "write"
        }
        event_prefix "" {
          policy = "write"
        }
        key_prefix "" {
          policy = "write"
        }
        keyring = "write"
        node_prefix "" {
          policy = "write"
        }
        operator = "write"
        mesh = "write"
        peering = "write"
        query_prefix "" {
          policy = "write"
        }
        service_prefix "" {
          policy = "write"
          intentions = "write"
        }
        session_prefix "" {
          policy = "write"
        }
        """;
}
