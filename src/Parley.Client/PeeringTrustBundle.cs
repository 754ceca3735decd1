namespace Parley.Client;

/// <summary>
/// A peer's CA roots as this cluster received them over the peering stream (from Parley's
/// <c>/v1/agent/connect/ca/peer-trust-bundles</c>; the fields of Consul's <c>PeeringTrustBundle</c>). A caller presenting a
/// certificate under <see cref="TrustDomain"/> that chains to one of <see cref="RootPEMs"/> is that peer's.
/// </summary>
public sealed record PeeringTrustBundle
{
    /// <summary>This cluster's name for the peer.</summary>
    public string PeerName { get; init; } = "";

    /// <summary>The peer's trust domain, <c>&lt;peer cluster id&gt;.consul</c>.</summary>
    public string TrustDomain { get; init; } = "";

    /// <summary>Every root the peer trusts (during its CA rotation: old and new).</summary>
    public List<string> RootPEMs { get; init; } = [];

    /// <summary>The peer's partition that exports to us; empty in the community edition.</summary>
    public string ExportedPartition { get; init; } = "";

    /// <summary>The local partition; empty in the community edition.</summary>
    public string Partition { get; init; } = "";

    public ulong CreateIndex { get; init; }

    public ulong ModifyIndex { get; init; }
}
