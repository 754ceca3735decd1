using Prometheus;

namespace Parley.Api.Metrics;

/// <summary>
/// The Prometheus side of the sink, on prometheus-net's own registry (one per agent, nothing static): gauges and
/// counters under Consul's flattened names, samples as summaries with go-metrics' objectives (0.5, 0.9, 0.99) over a
/// 10 s window, as Consul's Prometheus sink exposes timers. prometheus-net writes the text format.
/// </summary>
/// <remarks>Thread-safe: prometheus-net's metrics are; the lazily created collectors are guarded by a lock.</remarks>
internal sealed class PrometheusExport
{
    private static readonly QuantileEpsilonPair[] Objectives = [new(0.5, 0.05), new(0.9, 0.01), new(0.99, 0.001)];

    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly MetricFactory _factory;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, object> _collectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<SeriesLabels>> _gaugeSeries = new(StringComparer.Ordinal);

    public PrometheusExport() => _factory = Prometheus.Metrics.WithCustomRegistry(_registry);

    public void SetGauge(MetricSeries series, SeriesLabels labels, double value)
    {
        ICollector<IGauge> gauge = Collector(
            series, labels, (n, h, c) => _factory.CreateGauge(n, h, new GaugeConfiguration { LabelNames = c }));
        Child(gauge, labels).Set(value);
        lock (_lock)
        {
            if (!_gaugeSeries.TryGetValue(series.PrometheusName, out var seen))
            {
                _gaugeSeries[series.PrometheusName] = seen = [];
            }

            seen.Add(labels);
        }
    }

    /// <summary>Drops gauge series that the last observation of their instrument no longer reported.</summary>
    public void RetainGauges(
        IReadOnlySet<(string Key, SeriesLabels Labels)> observed, IReadOnlyDictionary<string, MetricSeries> observedSeries)
    {
        lock (_lock)
        {
            foreach (var series in observedSeries.Values)
            {
                if (!_gaugeSeries.TryGetValue(series.PrometheusName, out var seen) ||
                    !_collectors.TryGetValue(series.PrometheusName, out var collector) || collector is not Gauge gauge)
                {
                    continue;
                }

                foreach (var labels in seen.Where(l => !observed.Contains((series.Key, l))).ToList())
                {
                    gauge.RemoveLabelled(labels.Values);
                    seen.Remove(labels);
                }
            }
        }
    }

    public void AddCounter(MetricSeries series, SeriesLabels labels, double increment) =>
        Child<ICounter>(Collector(series, labels, (n, h, c) => _factory.CreateCounter(n, h, new CounterConfiguration { LabelNames = c })),
            labels).Inc(increment);

    public void SetCounterTotal(MetricSeries series, SeriesLabels labels, double total) =>
        Child<ICounter>(Collector(series, labels, (n, h, c) => _factory.CreateCounter(n, h, new CounterConfiguration { LabelNames = c })),
            labels).IncTo(total);

    public void Observe(MetricSeries series, SeriesLabels labels, double value) =>
        Child<ISummary>(Collector(series, labels, (n, h, c) => _factory.CreateSummary(n, h, new SummaryConfiguration
        {
            LabelNames = c,
            Objectives = Objectives,
            MaxAge = TimeSpan.FromSeconds(10),
        })), labels).Observe(value);

    /// <summary>Writes every series in the Prometheus text format (0.0.4).</summary>
    public Task WriteAsync(Stream output, CancellationToken cancellationToken) =>
        _registry.CollectAndExportAsTextAsync(output, cancellationToken);

    private static TChild Child<TChild>(ICollector<TChild> collector, SeriesLabels labels)
        where TChild : ICollectorChild =>
        labels.Values is { Length: > 0 } values ? collector.WithLabels(values) : collector.Unlabelled;

    // One collector per name, created by the first measurement with that measurement's label names; an instrument
    // always records the same label names.
    private T Collector<T>(MetricSeries series, SeriesLabels labels, Func<string, string, string[], T> create)
        where T : class
    {
        lock (_lock)
        {
            if (!_collectors.TryGetValue(series.PrometheusName, out var collector))
            {
                _collectors[series.PrometheusName] = collector = create(series.PrometheusName, series.Help, labels.Names);
            }

            return (T)collector;
        }
    }
}
