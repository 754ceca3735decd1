namespace Parley.Core.ConfigEntries;

/// <summary><c>mesh</c> (always named <c>mesh</c>): mesh-wide settings, including peering through mesh gateways.</summary>
public sealed record MeshConfigEntry : ConfigEntry
{
    public MeshConfigEntry()
    {
        Name = ConfigEntryKinds.MeshName;
    }

    public override string Kind => ConfigEntryKinds.Mesh;

    public TransparentProxyMeshConfig TransparentProxy { get; init; } = new();

    public bool AllowEnablingPermissiveMutualTls { get; init; }

    public MeshTlsConfig? Tls { get; init; }

    public MeshHttpConfig? Http { get; init; }

    public PeeringMeshConfig? Peering { get; init; }
}
