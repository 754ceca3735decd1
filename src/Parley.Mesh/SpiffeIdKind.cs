namespace Parley.Mesh;

/// <summary>The kinds of SPIFFE identity Consul issues (<c>agent/connect/uri*.go</c>).</summary>
public enum SpiffeIdKind
{
    /// <summary><c>spiffe://td/[ap/P/]ns/N/dc/D/svc/S</c>.</summary>
    Service,

    /// <summary><c>spiffe://td/[ap/P/]gateway/mesh/dc/D</c>.</summary>
    MeshGateway,

    /// <summary><c>spiffe://td/[ap/P/]agent/client/dc/D/id/NODE</c>.</summary>
    Agent,

    /// <summary><c>spiffe://td/agent/server/dc/D</c>.</summary>
    Server,

    /// <summary><c>spiffe://td</c>: the CA itself.</summary>
    Signing,
}
