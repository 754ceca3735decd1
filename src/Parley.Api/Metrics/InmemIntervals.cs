using System.Globalization;

namespace Parley.Api.Metrics;

/// <summary>
/// go-metrics' in-memory sink as Consul uses it for <c>GET /v1/agent/metrics</c>: measurements fall into fixed intervals
/// (10 s) kept for a minute; the answer shows the last finished interval's counters and samples (the current one while
/// it is the only one). Gauges show their latest value: Parley observes gauges when asked, so they are always current.
/// </summary>
/// <remarks>Thread-safe (one lock; measurements are short).</remarks>
internal sealed class InmemIntervals(TimeProvider timeProvider, TimeSpan interval, TimeSpan retain)
{
    private readonly Lock _lock = new();
    private readonly List<Interval> _intervals = [];
    private readonly Dictionary<(string, SeriesLabels), double> _gauges = [];

    public void SetGauge(string key, SeriesLabels labels, double value)
    {
        lock (_lock)
        {
            _gauges[(key, labels)] = value;
        }
    }

    /// <summary>Forgets gauge series that the last observation no longer reported (a deleted peering's).</summary>
    public void RetainGauges(IReadOnlySet<(string Key, SeriesLabels Labels)> observed, IReadOnlySet<string> observedKeys)
    {
        lock (_lock)
        {
            foreach (var series in _gauges.Keys.Where(s => observedKeys.Contains(s.Item1) && !observed.Contains(s)).ToList())
            {
                _gauges.Remove(series);
            }
        }
    }

    public void AddCounter(string key, SeriesLabels labels, double increment) => Aggregate(i => i.Counters, key, labels, increment);

    public void AddSample(string key, SeriesLabels labels, double value) => Aggregate(i => i.Samples, key, labels, value);

    public MetricsSummary Display()
    {
        lock (_lock)
        {
            var current = CurrentInterval();
            var shown = _intervals.Count > 1 ? _intervals[^2] : current;
            return new MetricsSummary(
                Timestamp(shown.Start),
                [.. _gauges.OrderBy(g => g.Key.Item1, StringComparer.Ordinal)
                    .Select(g => new GaugeValue(g.Key.Item1, g.Value, g.Key.Item2.ToDictionary()))],
                [],
                Values(shown.Counters),
                Values(shown.Samples));
        }
    }

    private void Aggregate(
        Func<Interval, Dictionary<(string, SeriesLabels), AggregateSample>> table, string key, SeriesLabels labels, double value)
    {
        lock (_lock)
        {
            var samples = table(CurrentInterval());
            if (!samples.TryGetValue((key, labels), out var aggregate))
            {
                samples[(key, labels)] = aggregate = new AggregateSample();
            }

            aggregate.Ingest(value);
        }
    }

    private List<SampledValue> Values(Dictionary<(string, SeriesLabels), AggregateSample> samples) =>
        [.. samples.OrderBy(s => s.Key.Item1, StringComparer.Ordinal).Select(s => s.Value.ToValue(s.Key.Item1, s.Key.Item2, interval))];

    private Interval CurrentInterval()
    {
        var now = timeProvider.GetUtcNow();
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % interval.Ticks), TimeSpan.Zero);
        if (_intervals.Count == 0 || _intervals[^1].Start != start)
        {
            _intervals.Add(new Interval(start));
            var keep = Math.Max(1, (int)(retain.Ticks / interval.Ticks));
            if (_intervals.Count > keep)
            {
                _intervals.RemoveRange(0, _intervals.Count - keep);
            }
        }

        return _intervals[^1];
    }

    // Go's time.Time String() of the interval start in UTC, as Consul's JSON carries it.
    private static string Timestamp(DateTimeOffset start) =>
        start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0000 UTC";

    private sealed class Interval(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public Dictionary<(string, SeriesLabels), AggregateSample> Counters { get; } = [];

        public Dictionary<(string, SeriesLabels), AggregateSample> Samples { get; } = [];
    }
}
