namespace Parley.Peering;

/// <summary>The fixed resource IDs of the peer stream; an exported service's ID is its name.</summary>
public static class ResourceIds
{
    /// <summary>ID of the <see cref="ResourceUrls.ExportedServiceList"/> resource.</summary>
    public const string ExportedServiceList = "exported-service-list";

    /// <summary>ID of the <see cref="ResourceUrls.PeeringTrustBundle"/> resource.</summary>
    public const string Roots = "roots";

    /// <summary>ID of the <see cref="ResourceUrls.PeeringServerAddresses"/> resource.</summary>
    public const string ServerAddresses = "server-addrs";
}
