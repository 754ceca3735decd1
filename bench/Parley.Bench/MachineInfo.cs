using System.Runtime;
using System.Runtime.InteropServices;

namespace Parley.Bench;

/// <summary>What the figures were measured on, printed with them.</summary>
internal static class MachineInfo
{
    public static IEnumerable<string> Describe()
    {
        yield return $"date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC";
        yield return $"cpu: {CpuModel()} ({Environment.ProcessorCount} logical processors visible)";
        yield return $"memory: {MemoryGiB()}";
        yield return $"os: {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}";
        yield return $"runtime: {RuntimeInformation.FrameworkDescription}, server GC {GCSettings.IsServerGC}";
        // Other work on the machine competes with the benchmark for the same cores; say how much there was.
        yield return $"load average (1, 5, 15 min) at start: {LoadAverage()}";
    }

    private static string CpuModel() =>
        ReadProc("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string MemoryGiB()
    {
        var total = ReadProc("/proc/meminfo", "MemTotal"); // "23912345 kB"
        return total is not null && long.TryParse(total.Split(' ')[0], out var kib)
            ? $"{kib / 1024.0 / 1024.0:F1} GiB"
            : "unknown";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? ReadProc(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Where(line => line.StartsWith(key, StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault();
    }
}
