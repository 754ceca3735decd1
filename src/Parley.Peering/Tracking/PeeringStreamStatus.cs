using System.Text.Json.Serialization;

namespace Parley.Peering.Tracking;

/// <summary>What the leader knows of one peering's stream, for the status API. Immutable; replaced on every change.</summary>
public sealed record PeeringStreamStatus
{
    public bool Connected { get; init; }

    /// <summary>Why the last stream ended, if it ended with an error; a disconnected stream with one is FAILING.</summary>
    public string? DisconnectError { get; init; }
    public DateTimeOffset? ConnectedAt { get; init; }
    public DateTimeOffset? DisconnectedAt { get; init; }
    public DateTimeOffset? LastHeartbeat { get; init; }
    public DateTimeOffset? LastReceiveSuccess { get; init; }
    public DateTimeOffset? LastReceiveError { get; init; }
    public string? LastReceiveErrorMessage { get; init; }
    public DateTimeOffset? LastSendSuccess { get; init; }
    public DateTimeOffset? LastSendError { get; init; }
    public string? LastSendErrorMessage { get; init; }
    public DateTimeOffset? LastAck { get; init; }
    public DateTimeOffset? LastNack { get; init; }
    public string? LastNackMessage { get; init; }
    public IReadOnlyList<string>? ImportedServices { get; init; }
    public IReadOnlyList<string>? ExportedServices { get; init; }

    /// <summary>Resources from the peer applied here since this server began tracking the stream.</summary>
    public long ResourcesReceived { get; init; }

    /// <summary>Messages written to the peer since this server began tracking the stream.</summary>
    public long ResourcesSent { get; init; }

    /// <summary>How long the last resource applied here took from its arrival to its commit (the import's own lag).</summary>
    public TimeSpan? LastApplyTime { get; init; }

    /// <summary>
    /// Consul's peering health (its <c>peering.healthy</c> gauge): unhealthy when it never connected, or for longer than
    /// <paramref name="timeout"/> it has been disconnected, or its last NACK is newer than its last ACK, or its last receive
    /// error is newer than its last successful receive.
    /// </summary>
    public bool IsHealthy(DateTimeOffset now, TimeSpan timeout)
    {
        if (ConnectedAt is null)
        {
            return false;
        }

        if (!Connected && DisconnectedAt is { } down && now - down > timeout)
        {
            return false;
        }

        if (LastNack is { } nack && (LastAck is null || nack > LastAck) && now - nack > timeout)
        {
            return false;
        }

        return !(LastReceiveError is { } error && (LastReceiveSuccess is null || error > LastReceiveSuccess) && now - error > timeout);
    }

    /// <summary>Latest of heartbeat, receive success and receive error (Consul's LastReceive).</summary>
    [JsonIgnore]
    public DateTimeOffset? LastReceive => Latest(LastHeartbeat, LastReceiveSuccess, LastReceiveError);

    /// <summary>Latest of send success and send error (Consul's LastSend).</summary>
    [JsonIgnore]
    public DateTimeOffset? LastSend => Latest(LastSendSuccess, LastSendError);

    /// <summary>The most recent error text, for <c>peering read</c> and the UI.</summary>
    [JsonIgnore]
    public string? LastError => DisconnectError ?? LastReceiveErrorMessage ?? LastSendErrorMessage ?? LastNackMessage;

    private static DateTimeOffset? Latest(params DateTimeOffset?[] times) => times.Max();
}
