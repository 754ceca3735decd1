namespace Parley.Client;

/// <summary>The answer of <c>POST /v1/agent/connect/authorize</c> (Consul's <c>api.AgentAuthorize</c>).</summary>
public sealed record AgentAuthorize
{
    public bool Authorized { get; init; }

    /// <summary>What decided: the matching intention, the default, or why the caller's identity was refused.</summary>
    public string Reason { get; init; } = "";
}
