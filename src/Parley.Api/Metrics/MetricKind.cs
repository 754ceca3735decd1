namespace Parley.Api.Metrics;

/// <summary>How go-metrics (and so Consul's JSON and Prometheus output) treats an instrument's measurements.</summary>
internal enum MetricKind
{
    /// <summary>The latest value wins (gauges).</summary>
    Gauge,

    /// <summary>Increments, summed per interval (counters).</summary>
    Counter,

    /// <summary>Running totals reported at each collection (observable counters); the sink turns them into increments.</summary>
    CumulativeCounter,

    /// <summary>Observations aggregated per interval (timers and other samples).</summary>
    Sample,
}
