namespace Parley.Client;

/// <summary>
/// A peering as <c>GET /v1/peering/:name</c> returns it (Consul's <c>api.Peering</c>); properties are declared in
/// Consul's key order so re-serialising gives the same JSON.
/// </summary>
public sealed record Peering
{
    /// <summary>The local UUID of this peering.</summary>
    public string ID { get; init; } = "";

    /// <summary>The local name of the peer cluster.</summary>
    public string Name { get; init; } = "";

    /// <summary>The partition (empty in the community edition).</summary>
    [OmitEmpty]
    public string? Partition { get; init; }

    /// <summary>When the peering was marked for deletion; null otherwise.</summary>
    [OmitEmpty]
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>Operator-supplied metadata.</summary>
    [OmitEmpty]
    public Dictionary<string, string>? Meta { get; init; }

    /// <summary>One of <see cref="PeeringState"/>'s values.</summary>
    public string State { get; init; } = PeeringState.Undefined;

    /// <summary>The remote cluster's ID for this peering; set on the dialing side only.</summary>
    [OmitEmpty]
    public string? PeerID { get; init; }

    /// <summary>The remote cluster's CA roots (PEM); dialing side only.</summary>
    [OmitEmpty]
    public List<string>? PeerCAPems { get; init; }

    /// <summary>The TLS server name of the remote servers; dialing side only.</summary>
    [OmitEmpty]
    public string? PeerServerName { get; init; }

    /// <summary>The remote servers' <c>host:port</c> addresses; dialing side only.</summary>
    [OmitEmpty]
    public List<string>? PeerServerAddresses { get; init; }

    /// <summary>Live status of the peering stream, computed by the leader on read.</summary>
    public PeeringStreamStatus StreamStatus { get; init; } = new();

    /// <summary>The index that created the peering.</summary>
    public ulong CreateIndex { get; init; }

    /// <summary>The index that last changed the peering.</summary>
    public ulong ModifyIndex { get; init; }

    /// <summary>Where the remote cluster is.</summary>
    public PeeringRemoteInfo Remote { get; init; } = new();

    /// <summary>A Parley addition: when the unused token of a pending (or expired) acceptor peering was generated.</summary>
    [OmitEmpty]
    public DateTimeOffset? TokenIssuedAt { get; init; }

    /// <summary>A Parley addition: when that token stops being accepted; null when it never expires.</summary>
    [OmitEmpty]
    public DateTimeOffset? TokenExpiresAt { get; init; }
}
