using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Parley.Peering;

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

    /// <summary>
    /// The last dial, TLS, stream, send or NACK error, kept after the stream recovers (Parley's <c>StreamStatus.LastError</c>).
    /// </summary>
    public string? LastErrorMessage { get; init; }

    /// <summary>When <see cref="LastErrorMessage"/> happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>When each imported service was last reconciled with what the peer sent (Parley's <c>ImportedAt</c>).</summary>
    public ImmutableDictionary<string, DateTimeOffset>? ImportedAt { get; init; }

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

    /// <summary>
    /// Parley's <c>StreamStatus.Healthy</c>, stricter than Consul's rule (which stays healthy for a whole timeout after a
    /// disconnect): the stream is connected, <see cref="IsHealthy"/> holds, and a heartbeat or message arrived within
    /// <paramref name="timeout"/> (counting from the connection when nothing has arrived yet).
    /// </summary>
    public bool IsStreamHealthy(DateTimeOffset now, TimeSpan timeout) =>
        Connected && IsHealthy(now, timeout) && now - (LastReceive ?? ConnectedAt ?? now) <= timeout;

    /// <summary>
    /// How old what was imported from the peer may be: the time since the last heartbeat or message from it (the
    /// exporter sends every change as it happens, so the import is current as of then); null when nothing arrived yet.
    /// </summary>
    public TimeSpan? DataAge(DateTimeOffset now) => LastReceive is { } at ? (now - at < TimeSpan.Zero ? TimeSpan.Zero : now - at) : null;

    /// <summary>Latest of heartbeat, receive success and receive error (Consul's LastReceive).</summary>
    [JsonIgnore]
    public DateTimeOffset? LastReceive => Latest(LastHeartbeat, LastReceiveSuccess, LastReceiveError);

    /// <summary>Latest of send success and send error (Consul's LastSend).</summary>
    [JsonIgnore]
    public DateTimeOffset? LastSend => Latest(LastSendSuccess, LastSendError);

    private static DateTimeOffset? Latest(params DateTimeOffset?[] times) => times.Max();
}
