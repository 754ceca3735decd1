namespace Parley.Api.Metrics;

/// <summary>go-metrics' AggregateSample: count, sum, sum of squares, min and max of an interval's values.</summary>
/// <remarks>Not thread-safe; the in-memory sink updates it under its lock.</remarks>
internal sealed class AggregateSample
{
    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; }

    public double Max { get; private set; }

    private double _sumSquares;

    public void Ingest(double value)
    {
        Count++;
        Sum += value;
        _sumSquares += value * value;
        Min = Count == 1 ? value : Math.Min(Min, value);
        Max = Count == 1 ? value : Math.Max(Max, value);
    }

    /// <summary>The sample standard deviation, as go-metrics computes it (0 below two values).</summary>
    public double Stddev()
    {
        if (Count < 2)
        {
            return 0;
        }

        var spread = (Count * _sumSquares) - (Sum * Sum);
        return spread <= 0 ? 0 : Math.Sqrt(spread / (Count * (Count - 1)));
    }

    public SampledValue ToValue(string name, SeriesLabels labels, TimeSpan interval) =>
        new(name, Count, Sum / interval.TotalSeconds, Sum, Min, Max, Count == 0 ? 0 : Sum / Count, Stddev(), labels.ToDictionary());
}
