namespace Parley.Bench;

/// <summary>What one measured scenario did: successful requests, failures, and the latency of the successful ones.</summary>
internal sealed record LoadResult(string Name, long Succeeded, long Failed, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99, TimeSpan Max)
{
    /// <summary>Successful requests per second over the measured window.</summary>
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;

    public static LoadResult From(string name, List<long> latencyTicks, long failed, TimeSpan elapsed)
    {
        latencyTicks.Sort();
        return new LoadResult(
            name,
            latencyTicks.Count,
            failed,
            elapsed,
            Percentile(latencyTicks, 0.50),
            Percentile(latencyTicks, 0.99),
            latencyTicks.Count == 0 ? TimeSpan.Zero : Ticks(latencyTicks[^1]));
    }

    /// <summary>Nearest-rank percentile of sorted Stopwatch ticks.</summary>
    private static TimeSpan Percentile(List<long> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return Ticks(sorted[Math.Clamp(rank, 0, sorted.Count - 1)]);
    }

    private static TimeSpan Ticks(long stopwatchTicks) =>
        TimeSpan.FromSeconds(stopwatchTicks / (double)System.Diagnostics.Stopwatch.Frequency);
}
