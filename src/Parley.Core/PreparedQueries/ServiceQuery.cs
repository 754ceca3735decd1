namespace Parley.Core.PreparedQueries;

/// <summary>What a prepared query looks up (Consul's <c>ServiceQuery</c>).</summary>
public sealed record ServiceQuery
{
    /// <summary>The service name (required).</summary>
    public string Service { get; init; } = "";

    public QueryFailover Failover { get; init; } = new();

    /// <summary>Only instances whose checks all pass (else warning counts as healthy).</summary>
    public bool OnlyPassing { get; init; }

    /// <summary>Checks that do not count towards an instance's health.</summary>
    public IReadOnlyList<string> IgnoreCheckIDs { get; init; } = [];

    /// <summary>A node to sort near (<c>_agent</c> = the agent answering); "" for none.</summary>
    public string Near { get; init; } = "";

    /// <summary>Tags every instance must have; <c>!tag</c> ones it must not (ignoring case).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Node meta every instance's node must carry.</summary>
    public IReadOnlyDictionary<string, string> NodeMeta { get; init; } = new Dictionary<string, string>();

    /// <summary>Service meta every instance must carry.</summary>
    public IReadOnlyDictionary<string, string> ServiceMeta { get; init; } = new Dictionary<string, string>();

    /// <summary>Look up the service as imported from this peer instead of locally; "" for local.</summary>
    public string Peer { get; init; } = "";

    /// <summary>Answer the mesh-capable instances (sidecars, connect-native) in front of the service.</summary>
    public bool Connect { get; init; }
}
