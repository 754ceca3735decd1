using System.Diagnostics;

namespace Parley.ClusterBench;

/// <summary>The figures of one write run: writes per second and the acknowledgement latency percentiles.</summary>
internal sealed record WriteResult(
    string Name,
    int Clients,
    int Writes,
    int Failed,
    double PerSecond,
    TimeSpan P50,
    TimeSpan P99,
    TimeSpan Max)
{
    public static WriteResult From(string name, int clients, List<long> ticks, int failed, TimeSpan elapsed)
    {
        ticks.Sort();
        TimeSpan At(double quantile) => ticks.Count == 0
            ? TimeSpan.Zero
            : Stopwatch.GetElapsedTime(0, ticks[Math.Clamp((int)Math.Ceiling(quantile * ticks.Count) - 1, 0, ticks.Count - 1)]);
        return new WriteResult(name, clients, ticks.Count, failed, ticks.Count / elapsed.TotalSeconds, At(0.50), At(0.99), At(1.0));
    }
}
