namespace Parley.Core.ConfigEntries;

/// <summary>Mesh-wide HTTP settings.</summary>
public sealed record MeshHttpConfig
{
    public bool SanitizeXForwardedClientCert { get; init; }
}
