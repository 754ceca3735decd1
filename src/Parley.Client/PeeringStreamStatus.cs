namespace Parley.Client;

/// <summary>The status of a peering's stream (Consul's <c>api.PeeringStreamStatus</c>); every field is null when unknown.</summary>
public sealed record PeeringStreamStatus
{
    /// <summary>Names of the services this cluster imports from the peer.</summary>
    public List<string>? ImportedServices { get; init; }

    /// <summary>Names of the services this cluster exports to the peer.</summary>
    public List<string>? ExportedServices { get; init; }

    /// <summary>When the last heartbeat arrived from the peer.</summary>
    public DateTimeOffset? LastHeartbeat { get; init; }

    /// <summary>When anything last arrived from the peer.</summary>
    public DateTimeOffset? LastReceive { get; init; }

    /// <summary>When anything was last sent to the peer.</summary>
    public DateTimeOffset? LastSend { get; init; }

    /// <summary>A Parley addition: connected, and a heartbeat or message arrived within the heartbeat timeout.</summary>
    [OmitEmpty]
    public bool? Healthy { get; init; }

    /// <summary>A Parley addition: the last dial, TLS, stream or NACK error and its time.</summary>
    [OmitEmpty]
    public PeeringStreamError? LastError { get; init; }

    /// <summary>A Parley addition: when each imported service was last reconciled with what the peer sent.</summary>
    [OmitEmpty]
    public Dictionary<string, DateTimeOffset>? ImportedAt { get; init; }
}
