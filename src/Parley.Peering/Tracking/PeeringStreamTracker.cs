using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Parley.Peering.Tracking;

/// <summary>
/// The leader's in-memory view of every peering stream, keyed by local peering ID. Feeds the State override
/// (connected: ACTIVE; disconnected with an error: FAILING) and StreamStatus of the HTTP API.
/// </summary>
/// <remarks>Thread-safe; every update replaces the immutable status. Lost on leader change, as in Consul.</remarks>
public sealed class PeeringStreamTracker(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, PeeringStreamStatus> _streams = new(StringComparer.Ordinal);

    /// <summary>Raised after any status change, with the peering ID; the UI and tests watch it through the API.</summary>
    public event Action<string>? Changed;

    public PeeringStreamStatus? Get(string peeringId) => _streams.GetValueOrDefault(peeringId);

    /// <summary>Every tracked stream right now, keyed by local peering ID (a copy; later changes do not show in it).</summary>
    public IReadOnlyDictionary<string, PeeringStreamStatus> Snapshot() =>
        new Dictionary<string, PeeringStreamStatus>(_streams, StringComparer.Ordinal);

    public bool IsConnected(string peeringId) => Get(peeringId)?.Connected == true;

    public PeeringStreamStatus Connected(string peeringId) =>
        Update(peeringId, s => s with { Connected = true, ConnectedAt = Now, DisconnectError = null });

    /// <summary>The stream ended; with an error the peering reports FAILING until it reconnects.</summary>
    public PeeringStreamStatus Disconnected(string peeringId, string? error) =>
        Update(peeringId, s => WithError(s with { Connected = false, DisconnectedAt = Now, DisconnectError = error }, error));

    public void HeartbeatReceived(string peeringId) => Update(peeringId, s => s with { LastHeartbeat = Now });

    /// <summary>
    /// <paramref name="count"/> resources from the peer were applied here; <paramref name="applyTime"/> is how long from
    /// their arrival.
    /// </summary>
    public void ReceiveSucceeded(string peeringId, TimeSpan applyTime = default, int count = 1) =>
        Update(peeringId, s => s with
        {
            LastReceiveSuccess = Now,
            ResourcesReceived = s.ResourcesReceived + count,
            LastApplyTime = applyTime,
        });

    public void ReceiveFailed(string peeringId, string error) =>
        Update(peeringId, s => WithError(s with { LastReceiveError = Now, LastReceiveErrorMessage = error }, error));

    public void SendSucceeded(string peeringId) =>
        Update(peeringId, s => s with { LastSendSuccess = Now, ResourcesSent = s.ResourcesSent + 1 });

    public void SendFailed(string peeringId, string error) =>
        Update(peeringId, s => WithError(s with { LastSendError = Now, LastSendErrorMessage = error }, error));

    public void Acked(string peeringId) => Update(peeringId, s => s with { LastAck = Now });

    public void Nacked(string peeringId, string message) =>
        Update(peeringId, s => WithError(s with { LastNack = Now, LastNackMessage = message }, message));

    /// <summary>The peer's list of exported services arrived; services no longer on it lose their <c>ImportedAt</c>.</summary>
    public void SetImportedServices(string peeringId, IReadOnlyList<string> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var listed = services.ToHashSet(StringComparer.Ordinal);
        Update(peeringId, s => s with
        {
            ImportedServices = services,
            ImportedAt = s.ImportedAt?.RemoveRange(s.ImportedAt.Keys.Where(name => !listed.Contains(name))),
        });
    }

    /// <summary>
    /// Imported services were reconciled with what the peer sent (all their pages applied). One update for a whole
    /// import run: the map is immutable and shared, so each run costs its own size, not the size of the import.
    /// </summary>
    public void ServicesImported(string peeringId, IEnumerable<string> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var now = Now;
        var entries = services.Select(name => KeyValuePair.Create(name, now)).ToList();
        if (entries.Count > 0)
        {
            Update(peeringId, s => s with
            {
                ImportedAt = (s.ImportedAt ?? ImmutableDictionary.Create<string, DateTimeOffset>(StringComparer.Ordinal)).SetItems(entries),
            });
        }
    }

    public void SetExportedServices(string peeringId, IReadOnlyList<string> services) =>
        Update(peeringId, s => s with { ExportedServices = services });

    // The last error of any kind stays (with its time) after the stream recovers: it says what went wrong last.
    private PeeringStreamStatus WithError(PeeringStreamStatus s, string? error) =>
        error is null ? s : s with { LastErrorMessage = error, LastErrorAt = Now };

    /// <summary>Forgets a peering (deleted, or this server lost leadership).</summary>
    public void Remove(string peeringId)
    {
        if (_streams.TryRemove(peeringId, out _))
        {
            Changed?.Invoke(peeringId);
        }
    }

    public void Clear()
    {
        foreach (var id in _streams.Keys)
        {
            Remove(id);
        }
    }

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    private PeeringStreamStatus Update(string peeringId, Func<PeeringStreamStatus, PeeringStreamStatus> change)
    {
        var status = _streams.AddOrUpdate(peeringId, _ => change(new PeeringStreamStatus()), (_, old) => change(old));
        Changed?.Invoke(peeringId);
        return status;
    }
}
