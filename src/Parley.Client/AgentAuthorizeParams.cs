namespace Parley.Client;

/// <summary>The body of <c>POST /v1/agent/connect/authorize</c> (Consul's <c>api.AgentAuthorizeParams</c>).</summary>
public sealed record AgentAuthorizeParams
{
    /// <summary>The destination service name.</summary>
    public string Target { get; init; } = "";

    /// <summary>The caller's certificate URI SAN (a service SPIFFE ID, local or a peer's).</summary>
    public string ClientCertURI { get; init; } = "";

    /// <summary>The caller certificate's serial (colon hex); accepted and not checked, as in Consul.</summary>
    public string ClientCertSerial { get; init; } = "";
}
