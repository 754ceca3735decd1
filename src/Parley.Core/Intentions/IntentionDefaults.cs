namespace Parley.Core.Intentions;

/// <summary>
/// What decides a call that no intention matches (Consul's <c>DefaultIntentionPolicy</c>): the agent's
/// <c>default_intention_policy</c> when set, else the ACL <c>default_policy</c> when ACLs are enabled, else allow.
/// </summary>
public static class IntentionDefaults
{
    public const string Allow = "allow";

    public const string Deny = "deny";

    /// <summary>True when a call no intention matches is allowed.</summary>
    /// <param name="defaultIntentionPolicy"><c>allow</c>, <c>deny</c> or empty (not set).</param>
    /// <param name="aclsEnabled"><c>acl { enabled }</c>.</param>
    /// <param name="aclDefaultPolicy"><c>acl { default_policy }</c>: <c>allow</c> (Consul's default) or <c>deny</c>.</param>
    public static bool Allows(string defaultIntentionPolicy, bool aclsEnabled, string aclDefaultPolicy)
    {
        ArgumentNullException.ThrowIfNull(defaultIntentionPolicy);
        ArgumentNullException.ThrowIfNull(aclDefaultPolicy);
        if (defaultIntentionPolicy.Length > 0)
        {
            return defaultIntentionPolicy != Deny;
        }

        return !aclsEnabled || aclDefaultPolicy != Deny;
    }

    /// <summary>True for the values both settings accept.</summary>
    public static bool IsValid(string policy) => policy is Allow or Deny;
}
