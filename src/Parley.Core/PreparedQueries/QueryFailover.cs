using System.Text.Json.Serialization;

namespace Parley.Core.PreparedQueries;

/// <summary>Where a prepared query looks when no local instance answers (Consul's <c>QueryFailoverOptions</c>).</summary>
public sealed record QueryFailover
{
    /// <summary>The N nearest other datacenters (by RTT) to try.</summary>
    public int NearestN { get; init; }

    /// <summary>Other datacenters to try, in order.</summary>
    public IReadOnlyList<string> Datacenters { get; init; } = [];

    /// <summary>Peers or datacenters to try, in order (not with <see cref="NearestN"/> or <see cref="Datacenters"/>).</summary>
    public IReadOnlyList<QueryFailoverTarget> Targets { get; init; } = [];

    /// <summary>True when the query names anywhere to fail over to.</summary>
    [JsonIgnore]
    public bool Any => NearestN > 0 || Datacenters.Count > 0 || Targets.Count > 0;
}
