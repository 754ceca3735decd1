namespace Parley.Peering;

/// <summary>
/// The resource type URLs of the peer stream. Each equals the <c>Any.TypeUrl</c> of the message it names, and a
/// <c>Response</c>'s <c>ResourceUrl</c> must equal its resource's type URL.
/// </summary>
public static class ResourceUrls
{
    private const string Prefix = "type.googleapis.com/parley.peering.v1.";

    /// <summary>Instances of one exported service (resource ID = service name).</summary>
    public const string ExportedService = Prefix + "ExportedService";

    /// <summary>Names of all services exported to the peer (resource ID <c>exported-service-list</c>).</summary>
    public const string ExportedServiceList = Prefix + "ExportedServiceList";

    /// <summary>The exporter's CA roots (resource ID <c>roots</c>).</summary>
    public const string PeeringTrustBundle = Prefix + "PeeringTrustBundle";

    /// <summary>The acceptor's server addresses, sent to the dialer only (resource ID <c>server-addrs</c>).</summary>
    public const string PeeringServerAddresses = Prefix + "PeeringServerAddresses";

    /// <summary>Every URL, in the order a stream subscribes to them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [ExportedService, ExportedServiceList, PeeringTrustBundle, PeeringServerAddresses];

    /// <summary>True for the four URLs above; anything else is refused by the stream.</summary>
    public static bool IsKnown(string? url) =>
        url is ExportedService or ExportedServiceList or PeeringTrustBundle or PeeringServerAddresses;
}
