using System.Text.Json.Serialization;

namespace Parley.Api.Contracts;

/// <summary>The body of <c>POST /v1/peering/token</c>.</summary>
public sealed record PeeringGenerateTokenRequest
{
    public string? PeerName { get; init; }
    public string? Partition { get; init; }
    public Dictionary<string, string>? Meta { get; init; }
    public List<string>? ServerExternalAddresses { get; init; }

    /// <summary>
    /// A Parley addition: the token's lifetime as a Go duration (<c>1h</c>); absent: the agent's <c>peering { token_ttl }</c>.
    /// </summary>
    public string? ExpiresIn { get; init; }
}

/// <summary>The body of <c>POST /v1/peering/establish</c>.</summary>
public sealed record PeeringEstablishRequest
{
    public string? PeerName { get; init; }
    public string? PeeringToken { get; init; }
    public string? Partition { get; init; }
    public Dictionary<string, string>? Meta { get; init; }
}

/// <summary>A peering as <c>/v1/peering/:name</c> and <c>/v1/peerings</c> return it (Consul's api.Peering; key order kept).</summary>
public sealed record PeeringJson
{
    public required string ID { get; init; }
    public required string Name { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Partition { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? DeletedAt { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyDictionary<string, string>? Meta { get; init; }
    public required string State { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PeerID { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? PeerCAPems { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PeerServerName { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? PeerServerAddresses { get; init; }
    public required StreamStatusJson StreamStatus { get; init; }
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public RemoteJson? Remote { get; init; }

    /// <summary>Parley's addition: when the unused token of a PENDING (or EXPIRED) acceptor peering was generated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TokenIssuedAt { get; init; }

    /// <summary>Parley's addition: when that token stops being accepted; absent when it never expires.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TokenExpiresAt { get; init; }
}

/// <summary>The stream's view, computed on read from the leader's tracker; Consul's five fields, then Parley's additions.</summary>
public sealed record StreamStatusJson(
    IReadOnlyList<string>? ImportedServices,
    IReadOnlyList<string>? ExportedServices,
    string? LastHeartbeat,
    string? LastReceive,
    string? LastSend)
{
    /// <summary>Parley's addition: connected, and a heartbeat or message arrived within the heartbeat timeout.</summary>
    public bool Healthy { get; init; }

    /// <summary>Parley's addition: the last dial, TLS, stream or NACK error and when it happened, kept after recovery.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public StreamErrorJson? LastError { get; init; }

    /// <summary>Parley's addition: when each imported service was last reconciled with what the peer sent.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyDictionary<string, string>? ImportedAt { get; init; }
}

/// <summary>An error of a peering stream and its time (RFC 3339).</summary>
public sealed record StreamErrorJson(string Message, string Time);

/// <summary>The other cluster's partition and datacenter.</summary>
public sealed record RemoteJson(string Partition, string Datacenter);

/// <summary>The answer of <c>POST /v1/peering/token</c>.</summary>
public sealed record PeeringGenerateTokenResponse(string PeeringToken);

/// <summary>One row of <c>/v1/exported-services</c> (Consul's api.ResolvedExportedService).</summary>
public sealed record ExportedServiceJson(string Service, ExportedServiceConsumersJson Consumers);

/// <summary>Who consumes an exported service: the peers it is exported to.</summary>
public sealed record ExportedServiceConsumersJson(IReadOnlyList<string> Peers);

/// <summary>One row of <c>/v1/imported-services</c>: an imported service and the peer it comes from.</summary>
public sealed record ImportedServiceJson(string Service, string SourcePeer);
