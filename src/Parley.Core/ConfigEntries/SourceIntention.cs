namespace Parley.Core.ConfigEntries;

/// <summary>
/// One source of a <c>service-intentions</c> entry. With <see cref="Peer"/> set it matches only callers whose
/// identity comes from that peer; without it, it never matches peered traffic.
/// </summary>
public sealed record SourceIntention
{
    /// <summary>Source service name, or <c>*</c> for all.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>allow</c> or <c>deny</c>; must be empty when <see cref="Permissions"/> are given.</summary>
    public string Action { get; init; } = "";

    /// <summary>L7 permissions, evaluated in order; the first that matches a request decides.</summary>
    public IReadOnlyList<IntentionPermission> Permissions { get; init; } = [];

    /// <summary>Computed on normalization (9 for exact name to exact destination, down to 1).</summary>
    public int Precedence { get; init; }

    /// <summary>Set only by legacy (ID-based) intention writes.</summary>
    public string LegacyId { get; init; } = "";

    /// <summary>Always <c>consul</c> after normalization.</summary>
    public string Type { get; init; } = "";

    public string Description { get; init; } = "";

    public IReadOnlyDictionary<string, string> LegacyMeta { get; init; } = EmptyCollections.StringMap;

    public DateTimeOffset? LegacyCreateTime { get; init; }

    public DateTimeOffset? LegacyUpdateTime { get; init; }

    /// <summary>Source namespace; empty means the default namespace.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>Source partition; empty means the destination's (default) partition. Cannot be combined with a peer.</summary>
    public string Partition { get; init; } = "";

    /// <summary>The peer the source lives in; empty for local sources.</summary>
    public string Peer { get; init; } = "";

    public string SamenessGroup { get; init; } = "";
}
