using Parley.Core.ConfigEntries;

namespace Parley.Core.Intentions;

/// <summary>
/// One source→destination intention in Consul's legacy shape, as <c>/v1/connect/intentions</c>, <c>/exact</c>
/// and <c>/match</c> return it. Built from <c>service-intentions</c> entries by <see cref="IntentionConverter"/>.
/// </summary>
public sealed record Intention
{
    /// <summary>Empty for intentions written as config entries (only legacy writes had IDs).</summary>
    public string Id { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>The peer the source lives in; empty for local sources (omitted from JSON when empty).</summary>
    public string SourcePeer { get; init; } = "";

    public string SourceNamespace { get; init; } = "default";

    public string SourceName { get; init; } = "";

    public string DestinationNamespace { get; init; } = "default";

    public string DestinationName { get; init; } = "";

    /// <summary>Empty in Parley (Consul CE leaves partitions out).</summary>
    public string SourcePartition { get; init; } = "";

    public string DestinationPartition { get; init; } = "";

    /// <summary>Always <c>consul</c>.</summary>
    public string SourceType { get; init; } = "consul";

    /// <summary><c>allow</c> or <c>deny</c>; empty when <see cref="Permissions"/> decide.</summary>
    public string Action { get; init; } = "";

    public IReadOnlyList<IntentionPermission> Permissions { get; init; } = [];

    /// <summary>The config entry's meta.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();

    public int Precedence { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public long CreateIndex { get; init; }

    public long ModifyIndex { get; init; }
}
