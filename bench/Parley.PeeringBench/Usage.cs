using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Parley.PeeringBench;

/// <summary>
/// What the process had spent at one moment: CPU (user + system), and the JIT's time and method count. The process holds
/// every cluster and the benchmark's client, so its CPU over a phase is what the phase cost the machine, steadier than
/// wall time when other processes share the cores; the JIT figures show how much of it was code running for the first
/// time.
/// </summary>
internal readonly record struct Usage(TimeSpan Cpu, TimeSpan Jit, long Methods)
{
    public static Usage Now()
    {
        using var process = Process.GetCurrentProcess();
        return new(process.TotalProcessorTime, JitInfo.GetCompilationTime(), JitInfo.GetCompiledMethodCount());
    }

    public static Usage operator -(Usage a, Usage b) => new(a.Cpu - b.Cpu, a.Jit - b.Jit, a.Methods - b.Methods);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"process CPU {Cpu.TotalSeconds:F2} s; JIT {Jit.TotalSeconds:F2} s compiling {Methods} methods");
}
