namespace Parley.Api.Http;

/// <summary>
/// <c>?near=</c>: Consul sorts answers by estimated round-trip time from the named node (<c>_agent</c>: this agent's).
/// Parley has no network coordinates (no gossip), so the only distance it knows is zero, from a node to itself: rows on
/// that node come first and the rest keep their order, as Consul keeps the order of nodes without coordinates.
/// </summary>
internal static class NearSort
{
    /// <summary>The node named by <c>?near=</c> (<c>_agent</c> resolved), or null without one.</summary>
    public static string? Node(ApiContext api) => api.QueryValue("near") switch
    {
        null or "" => null,
        "_agent" => api.Agent.NodeName,
        var node => node,
    };

    /// <summary><paramref name="rows"/> with those on <paramref name="near"/> first (stable); unchanged when null.</summary>
    public static List<T> Apply<T>(List<T> rows, string? near, Func<T, string> node) =>
        near is null ? rows : [.. rows.OrderBy(r => string.Equals(node(r), near, StringComparison.OrdinalIgnoreCase) ? 0 : 1)];
}
