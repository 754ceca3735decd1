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
}
