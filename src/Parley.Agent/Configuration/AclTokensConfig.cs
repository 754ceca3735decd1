namespace Parley.Agent.Configuration;

/// <summary>The agent's <c>acl { tokens { ... } }</c> block. Every token defaults to empty (not set).</summary>
public sealed record AclTokensConfig
{
    /// <summary>
    /// <c>initial_management</c> (legacy <c>master</c>): the SecretID of a management token the leader creates on start
    /// when no token has it; creating it ends bootstrap, as in Consul.
    /// </summary>
    public string InitialManagement { get; init; } = "";

    /// <summary><c>agent</c>: the token the agent uses for its own requests.</summary>
    public string Agent { get; init; } = "";

    /// <summary><c>default</c>: the token used for HTTP requests that carry none, instead of the anonymous token.</summary>
    public string Default { get; init; } = "";

    /// <summary>
    /// <c>dns</c>: the token the DNS interface answers as; empty = <see cref="Default"/>, else the anonymous token (Consul's order).
    /// </summary>
    public string Dns { get; init; } = "";

    /// <summary><c>agent_recovery</c> (legacy <c>agent_master</c>): a token the local agent accepts for its own endpoints.</summary>
    public string AgentRecovery { get; init; } = "";
}
