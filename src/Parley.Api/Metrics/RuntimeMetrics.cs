using System.Diagnostics.Metrics;

namespace Parley.Api.Metrics;

/// <summary>
/// The runtime gauges under Consul's names where the meaning carries over from Go to .NET: <c>runtime.alloc_bytes</c>
/// (managed heap in use), <c>runtime.sys_bytes</c> (the process' working set), <c>runtime.total_gc_runs</c> and
/// <c>runtime.total_gc_pause_ns</c>; and <c>runtime.num_threads</c> (thread-pool threads) where Consul counts goroutines,
/// which have no .NET counterpart.
/// </summary>
public sealed class RuntimeMetrics
{
    /// <summary>The meter the runtime gauges belong to.</summary>
    public const string MeterName = "Parley.Runtime";

    public RuntimeMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("runtime.alloc_bytes", () => GC.GetTotalMemory(false), "By", "Managed heap bytes in use");
        meter.CreateObservableGauge("runtime.sys_bytes", () => Environment.WorkingSet, "By", "The process' working set");
        meter.CreateObservableGauge("runtime.total_gc_runs", () => GC.CollectionCount(0), description: "Garbage collections since start");
        meter.CreateObservableGauge("runtime.total_gc_pause_ns", () => GC.GetTotalPauseDuration().Ticks * 100, "ns",
            "Time paused for garbage collection since start");
        meter.CreateObservableGauge("runtime.num_threads", () => ThreadPool.ThreadCount, description: "Thread-pool threads");
    }
}
