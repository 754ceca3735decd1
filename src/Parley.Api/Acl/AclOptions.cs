namespace Parley.Api.Acl;

/// <summary>The agent's ACL settings the API acts on (<c>acl { ... }</c> in the agent config).</summary>
public sealed record AclOptions
{
    /// <summary><c>acl.enabled</c>. Defaults to false: no request is authorized and the <c>/v1/acl</c> endpoints answer 401.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>acl.default_policy</c> is <c>allow</c> (the default): what no rule decides is allowed.</summary>
    public bool DefaultAllow { get; init; } = true;

    /// <summary>
    /// <c>acl.tokens.default</c>: the SecretID used for requests without a token. Empty (the default): the anonymous token.
    /// </summary>
    public string DefaultToken { get; init; } = "";

    /// <summary><c>acl.tokens.agent</c>: the token the agent uses for its own operations. Empty (the default): none.</summary>
    public string AgentToken { get; init; } = "";

    /// <summary>
    /// <c>acl.tokens.agent_recovery</c>: a token the local agent accepts for its own endpoints. Empty (the default): none.
    /// </summary>
    public string AgentRecoveryToken { get; init; } = "";

    /// <summary>
    /// Where tokens set through <c>PUT /v1/agent/token</c> are kept across restarts (<c>acl.enable_token_persistence</c>:
    /// <c>acl-tokens.json</c> in the data directory, as Consul keeps it). Null (the default): held in memory only.
    /// </summary>
    public string? TokenPersistenceFile { get; init; }

    /// <summary><c>acl.tokens.dns</c>: the SecretID DNS lookups are answered as. Empty (the default): the default token.</summary>
    public string DnsToken { get; init; } = "";

    /// <summary>
    /// <c>acl.tokens.initial_management</c>: a management SecretID the leader creates on start. Empty (the default): none.
    /// </summary>
    public string InitialManagement { get; init; } = "";

    /// <summary>The local datacenter: policies and identities scoped to other datacenters do not apply here.</summary>
    public string Datacenter { get; init; } = "dc1";
}
