namespace Parley.Api.Acl;

/// <summary>
/// The agent's ACL tokens as they are now: started from <c>acl { tokens { ... } }</c> and replaced by
/// <c>PUT /v1/agent/token/:kind</c> (held in memory; Consul persists them only with <c>enable_token_persistence</c>).
/// </summary>
/// <remarks>Thread-safe: each token is one reference, read and replaced whole.</remarks>
public sealed class AgentTokens
{
    /// <summary>Starts with the configured tokens: <paramref name="options"/>' default and DNS tokens.</summary>
    public AgentTokens(AclOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Default = options.DefaultToken;
        Dns = options.DnsToken;
    }

    /// <summary><c>default</c>: the SecretID used for requests that carry no token; empty means the anonymous token.</summary>
    public string Default { get; private set; }

    /// <summary><c>agent</c>: the token the agent uses for its own operations.</summary>
    public string Agent { get; private set; } = "";

    /// <summary><c>agent_recovery</c>: a token the local agent accepts for its own endpoints.</summary>
    public string AgentRecovery { get; private set; } = "";

    /// <summary><c>replication</c>: used by secondary datacenters (none here); kept for Consul's clients.</summary>
    public string Replication { get; private set; } = "";

    /// <summary><c>config_file_service_registration</c>: used for services from config files.</summary>
    public string ConfigFileServiceRegistration { get; private set; } = "";

    /// <summary><c>dns</c>: what DNS lookups are answered as; empty means the default token (Consul's fallback).</summary>
    public string Dns { get; private set; }

    /// <summary>
    /// Sets the token of <paramref name="kind"/> (Consul's names and their legacy <c>acl_*</c> spellings); false for a
    /// kind Consul does not have.
    /// </summary>
    public bool TrySet(string kind, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        switch (kind)
        {
            case "default" or "acl_token":
                Default = token;
                return true;
            case "agent" or "acl_agent_token":
                Agent = token;
                return true;
            case "agent_recovery" or "agent_master" or "acl_agent_master_token":
                AgentRecovery = token;
                return true;
            case "replication" or "acl_replication_token":
                Replication = token;
                return true;
            case "config_file_service_registration":
                ConfigFileServiceRegistration = token;
                return true;
            case "dns" or "dns_token":
                Dns = token;
                return true;
            default:
                return false;
        }
    }
}
