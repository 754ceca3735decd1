namespace Parley.Client;

/// <summary>The CA roots (Consul's <c>api.CARootList</c>): trust every one of them, not only the active one.</summary>
public sealed record CARootList
{
    public string ActiveRootID { get; init; } = "";

    /// <summary><c>&lt;cluster-id&gt;.consul</c>.</summary>
    public string TrustDomain { get; init; } = "";

    public List<CARoot> Roots { get; init; } = [];
}
