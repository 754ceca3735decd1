namespace Parley.Core.ConfigEntries;

/// <summary>Mesh-wide transparent-proxy settings.</summary>
public sealed record TransparentProxyMeshConfig
{
    public bool MeshDestinationsOnly { get; init; }
}
