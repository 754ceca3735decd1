namespace Parley.Core.Connect;

/// <summary>What a SPIFFE ID names (Consul's <c>CertURI</c> implementations).</summary>
public enum SpiffeIdKind
{
    /// <summary>A service: <c>spiffe://&lt;td&gt;[/ap/&lt;ap&gt;]/ns/&lt;ns&gt;/dc/&lt;dc&gt;/svc/&lt;service&gt;</c>.</summary>
    Service,

    /// <summary>A mesh gateway: <c>spiffe://&lt;td&gt;[/ap/&lt;ap&gt;]/gateway/mesh/dc/&lt;dc&gt;</c>.</summary>
    MeshGateway,

    /// <summary>A client agent: <c>spiffe://&lt;td&gt;[/ap/&lt;ap&gt;]/agent/client/dc/&lt;dc&gt;/id/&lt;node&gt;</c>.</summary>
    Agent,

    /// <summary>A server: <c>spiffe://&lt;td&gt;/agent/server/dc/&lt;dc&gt;</c>.</summary>
    Server,

    /// <summary>The CA itself: <c>spiffe://&lt;td&gt;</c>.</summary>
    Signing,
}
