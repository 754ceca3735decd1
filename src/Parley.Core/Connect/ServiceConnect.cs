using System.Text.Json.Serialization;

namespace Parley.Core.Connect;

/// <summary>
/// The <c>Connect</c> block of a stored service instance (Consul's <c>ServiceConnect</c>). A registration's
/// <c>SidecarService</c> is expanded by the agent into its own instance and never stored here.
/// </summary>
public sealed record ServiceConnect
{
    /// <summary>The application speaks mTLS itself (connect-native) and needs no sidecar.</summary>
    public bool Native { get; init; }

    /// <summary>On instances imported from a peer: how to dial them through the exporter's mesh gateways.</summary>
    public PeeringServiceMeta? PeerMeta { get; init; }

    /// <summary>True when nothing is set (Consul writes <c>{}</c>).</summary>
    [JsonIgnore]
    public bool IsEmpty => !Native && PeerMeta is null;
}
