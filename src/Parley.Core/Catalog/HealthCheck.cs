namespace Parley.Core.Catalog;

/// <summary>A node check (empty <see cref="ServiceID"/>) or a service check.</summary>
public sealed record HealthCheck
{
    public required string Node { get; init; }
    public required string CheckID { get; init; }
    public string Name { get; init; } = "";
    public string Status { get; init; } = HealthStatus.Critical;
    public string Notes { get; init; } = "";
    public string Output { get; init; } = "";
    public string ServiceID { get; init; } = "";
    public string ServiceName { get; init; } = "";
    public IReadOnlyList<string> ServiceTags { get; init; } = [];

    /// <summary><c>ttl</c>, <c>http</c>, <c>tcp</c>, ... or empty for checks registered through the catalog.</summary>
    public string Type { get; init; } = "";
    public string? DefinitionJson { get; init; }
    public string PeerName { get; init; } = "";
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }

    /// <summary>True when both describe the same check, ignoring Raft indexes.</summary>
    public bool SameAs(HealthCheck o) =>
        Node == o.Node && CheckID == o.CheckID && Name == o.Name && Status == o.Status && Notes == o.Notes &&
        Output == o.Output && ServiceID == o.ServiceID && ServiceName == o.ServiceName && Type == o.Type &&
        DefinitionJson == o.DefinitionJson && PeerName == o.PeerName && Maps.Equal(ServiceTags, o.ServiceTags);
}
