namespace Parley.Api.Metrics;

/// <summary>
/// <c>GET /v1/agent/metrics</c>'s body: go-metrics' <c>MetricsSummary</c> (Timestamp like
/// <c>2026-12-07 07:30:10 +0000 UTC</c>, Gauges, Points, Counters, Samples), each list sorted by name.
/// </summary>
public sealed record MetricsSummary(
    string Timestamp,
    IReadOnlyList<GaugeValue> Gauges,
    IReadOnlyList<object> Points,
    IReadOnlyList<SampledValue> Counters,
    IReadOnlyList<SampledValue> Samples);

/// <summary>A gauge's latest value.</summary>
public sealed record GaugeValue(string Name, double Value, IReadOnlyDictionary<string, string> Labels);

/// <summary>An interval's aggregate of a counter's increments or a sample's observations.</summary>
public sealed record SampledValue(
    string Name,
    long Count,
    double Rate,
    double Sum,
    double Min,
    double Max,
    double Mean,
    double Stddev,
    IReadOnlyDictionary<string, string> Labels);
