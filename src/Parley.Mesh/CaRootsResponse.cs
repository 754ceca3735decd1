using System.Text.Json.Serialization;

namespace Parley.Mesh;

/// <summary>The body of <c>GET /v1/connect/ca/roots</c> (Consul's <c>IndexedCARoots</c>), without private keys.</summary>
public sealed record CaRootsResponse
{
    /// <summary>ID of the active root; empty when there is none.</summary>
    [JsonPropertyName("ActiveRootID")]
    public required string ActiveRootID { get; init; }

    [JsonPropertyName("TrustDomain")]
    public required string TrustDomain { get; init; }

    [JsonPropertyName("Roots")]
    public required IReadOnlyList<CaRootInfo> Roots { get; init; }

    /// <summary>
    /// Builds the response from stored roots. The trust domain is the active root's, else the first root's, else empty.
    /// </summary>
    public static CaRootsResponse From(IEnumerable<CaRoot> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var list = roots.ToList();
        var active = list.FirstOrDefault(r => r.Active);
        return new CaRootsResponse
        {
            ActiveRootID = active?.ID ?? "",
            TrustDomain = (active ?? list.FirstOrDefault())?.TrustDomain ?? "",
            Roots = list.Select(CaRootInfo.From).ToList(),
        };
    }
}
