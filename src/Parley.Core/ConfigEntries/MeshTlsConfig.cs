namespace Parley.Core.ConfigEntries;

/// <summary>Mesh-wide TLS settings per direction.</summary>
public sealed record MeshTlsConfig
{
    public MeshDirectionalTlsConfig? Incoming { get; init; }

    public MeshDirectionalTlsConfig? Outgoing { get; init; }
}
