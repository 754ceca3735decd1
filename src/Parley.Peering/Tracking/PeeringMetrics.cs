using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Parley.State;
using Parley.State.Store;

namespace Parley.Peering.Tracking;

/// <summary>
/// The peering gauges, observed when the agent's metrics sink collects: Consul's <c>peering.healthy</c> and
/// <c>peering.exported_services</c> (labels <c>peer_name</c>, <c>peer_id</c>), and what Consul lacks —
/// <c>peering.imported_services</c>, <c>peering.stream_connected</c>, <c>peering.last_receive_age_seconds</c>,
/// <c>peering.last_apply_ms</c> (how long the last imported resource took from arrival to commit), and the counters
/// <c>peering.resources_received</c> / <c>peering.resources_sent</c>.
/// </summary>
/// <remarks>
/// Only the leader reports them, as in Consul: it holds the streams and the tracker; a follower's view would be empty
/// and read as "every peering unhealthy". Peerings being deleted or terminated are left out.
/// </remarks>
public sealed class PeeringMetrics
{
    /// <summary>The meter every peering instrument belongs to.</summary>
    public const string MeterName = "Parley.Peering";

    private readonly IReplicator _replicator;
    private readonly StateStore _store;
    private readonly PeeringStreamTracker _tracker;
    private readonly PeeringOptions _options;
    private readonly TimeProvider _timeProvider;

    public PeeringMetrics(
        IMeterFactory meters, IReplicator replicator, StateStore store, PeeringStreamTracker tracker, IOptions<PeeringOptions> options,
            TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _replicator = replicator;
        _store = store;
        _tracker = tracker;
        _options = options.Value;
        _timeProvider = timeProvider;

        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(
            "peering.healthy", () => Observe(HealthyOf), description: "1 when the peering is healthy (Consul's rule), else 0");
        meter.CreateObservableGauge(
            "peering.exported_services", () => Observe(s => s?.ExportedServices?.Count ?? 0), description: "Services exported to the peer");
        meter.CreateObservableGauge("peering.imported_services", () => Observe(s => s?.ImportedServices?.Count ?? 0),
            description: "Services imported from the peer");
        meter.CreateObservableGauge("peering.stream_connected", () => Observe(s => s?.Connected == true ? 1 : 0),
            description: "1 while the peer stream is connected");
        meter.CreateObservableGauge("peering.last_receive_age_seconds",
            () => ObserveWhere(s => s?.LastReceive is { } last ? (_timeProvider.GetUtcNow() - last).TotalSeconds : null), "s",
            "Seconds since anything arrived from the peer");
        meter.CreateObservableGauge("peering.last_apply_ms", () => ObserveWhere(s => s?.LastApplyTime?.TotalMilliseconds), "ms",
            "Arrival to commit of the last resource imported from the peer");
        meter.CreateObservableCounter("peering.resources_received", () => Observe(s => s?.ResourcesReceived ?? 0),
            description: "Resources from the peer applied here");
        meter.CreateObservableCounter(
            "peering.resources_sent", () => Observe(s => s?.ResourcesSent ?? 0), description: "Messages sent to the peer");
    }

    private double HealthyOf(PeeringStreamStatus? status) =>
        status?.IsHealthy(_timeProvider.GetUtcNow(), _options.HeartbeatTimeout) == true ? 1 : 0;

    private IEnumerable<Measurement<double>> Observe(Func<PeeringStreamStatus?, double> value) =>
        ObserveWhere(s => value(s));

    private IEnumerable<Measurement<long>> Observe(Func<PeeringStreamStatus?, long> value)
    {
        foreach (var (peering, status) in Peerings())
        {
            yield return new Measurement<long>(value(status), Labels(peering));
        }
    }

    private IEnumerable<Measurement<double>> ObserveWhere(Func<PeeringStreamStatus?, double?> value)
    {
        foreach (var (peering, status) in Peerings())
        {
            if (value(status) is { } v)
            {
                yield return new Measurement<double>(v, Labels(peering));
            }
        }
    }

    private IEnumerable<(State.Peering.PeeringRecord Peering, PeeringStreamStatus? Status)> Peerings()
    {
        if (!_replicator.Status.IsLeader)
        {
            yield break;
        }

        foreach (var peering in _store.Current.Peerings())
        {
            if (peering.IsActive)
            {
                yield return (peering, _tracker.Get(peering.ID));
            }
        }
    }

    private static KeyValuePair<string, object?>[] Labels(State.Peering.PeeringRecord peering) =>
        [new("peer_name", peering.Name), new("peer_id", peering.ID)];
}
