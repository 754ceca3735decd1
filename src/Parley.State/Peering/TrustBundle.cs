namespace Parley.State.Peering;

/// <summary>A peer's CA roots as it sent them; what proxies verify the peer's identities against.</summary>
public sealed record TrustBundle
{
    /// <summary>The local name of the peer the bundle came from.</summary>
    public required string PeerName { get; init; }
    public string TrustDomain { get; init; } = "";
    public IReadOnlyList<string> RootPEMs { get; init; } = [];
    public string ExportedPartition { get; init; } = "";
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }
}
