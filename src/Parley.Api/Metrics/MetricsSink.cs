using System.Diagnostics.Metrics;

namespace Parley.Api.Metrics;

/// <summary>
/// The agent's metrics sink: a <see cref="MeterListener"/> on the instruments of this agent's own meters (those its
/// <see cref="IMeterFactory"/> created, so several agents in one process never mix), feeding Consul's two outputs —
/// the in-memory intervals behind the JSON of <c>GET /v1/agent/metrics</c>, and, when
/// <c>telemetry.prometheus_retention_time</c> is positive, the Prometheus registry behind <c>?format=prometheus</c>.
/// </summary>
/// <remarks>
/// Instruments are named as Consul's go-metrics keys without the prefix (<c>raft.apply</c>); the sink adds
/// <c>metrics_prefix</c> and, for gauges unless <c>disable_hostname</c>, the host name. Observable instruments are
/// observed when an output is asked for.
/// </remarks>
public sealed class MetricsSink : IDisposable
{
    private readonly IMeterFactory _meters;
    private readonly TelemetryOptions _options;
    private readonly MeterListener _listener = new();
    private readonly InmemIntervals _inmem;
    private readonly PrometheusExport? _prometheus;
    private readonly SemaphoreSlim _collecting = new(1, 1);
    private readonly Lock _cumulativeLock = new();
    private readonly Dictionary<(string, SeriesLabels), double> _lastTotals = [];

    // Filled while observable instruments report, so series that were not reported can be dropped afterwards.
    private readonly HashSet<(string Key, SeriesLabels Labels)> _observed = [];
    private readonly Dictionary<string, MetricSeries> _observedSeries = new(StringComparer.Ordinal);

    public MetricsSink(IMeterFactory meters, TelemetryOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        _meters = meters;
        _options = options;
        _inmem = new InmemIntervals(timeProvider, options.Interval, options.Retain);
        _prometheus = options.PrometheusRetentionTime > TimeSpan.Zero ? new PrometheusExport() : null;

        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only Parley's own meters: ASP.NET Core's and the runtime's share the factory but not Consul's names.
            if (ReferenceEquals(instrument.Meter.Scope, _meters) && instrument.Meter.Name.StartsWith("Parley.", StringComparison.Ordinal) &&
                KindOf(instrument) is { } kind)
            {
                listener.EnableMeasurementEvents(instrument, MetricSeries.For(instrument.Name, kind, instrument.Description, _options));
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, state) => Record(i, (MetricSeries)state!, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, state) => Record(i, (MetricSeries)state!, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, state) => Record(i, (MetricSeries)state!, value, tags));
        _listener.Start();
    }

    /// <summary>Whether the Prometheus format is on (<c>telemetry.prometheus_retention_time</c> above zero).</summary>
    public bool PrometheusEnabled => _prometheus is not null;

    /// <summary>The JSON answer: gauges observed now, counters and samples of the last finished interval.</summary>
    public async Task<MetricsSummary> DisplayAsync(CancellationToken cancellationToken)
    {
        await ObserveAsync(cancellationToken);
        return _inmem.Display();
    }

    /// <summary>Observes every observable instrument, then writes the Prometheus text format.</summary>
    /// <exception cref="InvalidOperationException">The Prometheus format is off.</exception>
    public async Task WritePrometheusAsync(Stream output, CancellationToken cancellationToken)
    {
        var prometheus = _prometheus ?? throw new InvalidOperationException(
            "Prometheus is not enabled since its retention time is not positive");
        await ObserveAsync(cancellationToken);
        await prometheus.WriteAsync(output, cancellationToken);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _collecting.Dispose();
    }

    // One observation round at a time, so "what was reported" is this round's alone.
    private async Task ObserveAsync(CancellationToken cancellationToken)
    {
        await _collecting.WaitAsync(cancellationToken);
        try
        {
            lock (_observed)
            {
                _observed.Clear();
                _observedSeries.Clear();
            }

            _listener.RecordObservableInstruments();
            lock (_observed)
            {
                var keys = _observedSeries.Keys.ToHashSet(StringComparer.Ordinal);
                _inmem.RetainGauges(_observed, keys);
                _prometheus?.RetainGauges(_observed, _observedSeries.Values.ToDictionary(s => s.Key, StringComparer.Ordinal));
            }
        }
        finally
        {
            _collecting.Release();
        }
    }

    private void Record<T>(Instrument instrument, MetricSeries series, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct, IConvertible
    {
        var number = value.ToDouble(System.Globalization.CultureInfo.InvariantCulture);
        var labels = SeriesLabels.From(tags);
        switch (series.Kind)
        {
            case MetricKind.Gauge:
                if (instrument.IsObservable)
                {
                    lock (_observed)
                    {
                        _observed.Add((series.Key, labels));
                        _observedSeries[series.Key] = series;
                    }
                }

                _inmem.SetGauge(series.Key, labels, number);
                _prometheus?.SetGauge(series, labels, number);
                break;
            case MetricKind.Counter:
                _inmem.AddCounter(series.Key, labels, number);
                _prometheus?.AddCounter(series, labels, number);
                break;
            case MetricKind.CumulativeCounter:
                double increment;
                lock (_cumulativeLock)
                {
                    increment = number - _lastTotals.GetValueOrDefault((series.Key, labels));
                    _lastTotals[(series.Key, labels)] = number;
                }

                if (increment > 0)
                {
                    _inmem.AddCounter(series.Key, labels, increment);
                }

                _prometheus?.SetCounterTotal(series, labels, number);
                break;
            case MetricKind.Sample:
                _inmem.AddSample(series.Key, labels, number);
                _prometheus?.Observe(series, labels, number);
                break;
        }
    }

    private static MetricKind? KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Counter<>) ? MetricKind.Counter
            : definition == typeof(ObservableCounter<>) ? MetricKind.CumulativeCounter
            : definition == typeof(Histogram<>) ? MetricKind.Sample
            : definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>) ? MetricKind.Gauge
            : null;
    }
}
