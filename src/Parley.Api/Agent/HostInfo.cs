using System.Runtime.InteropServices;

namespace Parley.Api.Agent;

/// <summary>
/// <c>GET /v1/agent/host</c>: the host's memory, CPUs, OS and data disk in the shape of Consul's <c>debug.HostInfo</c>
/// (gopsutil's camelCase fields). What cannot be read here is named in <c>Errors</c>, as Consul does, not guessed.
/// </summary>
internal static class HostInfo
{
    public static object Collect(TimeProvider timeProvider)
    {
        var errors = new List<string>();
        return new
        {
            Memory = Memory(errors),
            CPU = Cpus(),
            Host = Host(timeProvider),
            Disk = Disk(errors),
            CollectionTime = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000,
            Errors = errors,
        };
    }

    private static object? Memory(List<string> errors)
    {
        var info = ReadMemInfo();
        if (info is null)
        {
            errors.Add("memory: /proc/meminfo is not readable on this platform");
            return null;
        }

        var total = info.GetValueOrDefault("MemTotal");
        var available = info.GetValueOrDefault("MemAvailable");
        var used = total - available;
        return new
        {
            total,
            available,
            used,
            usedPercent = total > 0 ? 100.0 * used / total : 0,
            free = info.GetValueOrDefault("MemFree"),
            buffers = info.GetValueOrDefault("Buffers"),
            cached = info.GetValueOrDefault("Cached"),
            swapTotal = info.GetValueOrDefault("SwapTotal"),
            swapFree = info.GetValueOrDefault("SwapFree"),
        };
    }

    private static Dictionary<string, ulong>? ReadMemInfo()
    {
        try
        {
            var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                var parts = line.Split(':', 2);
                var number = parts.Length == 2 ? parts[1].Trim().Split(' ')[0] : "";
                if (ulong.TryParse(number, System.Globalization.CultureInfo.InvariantCulture, out var kb))
                {
                    values[parts[0]] = kb * 1024;
                }
            }

            return values;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static object[] Cpus() => [.. Enumerable.Range(0, Environment.ProcessorCount).Select(i => new
    {
        cpu = i,
        cores = 1,
        modelName = RuntimeInformation.ProcessArchitecture.ToString(),
    })];

    private static object Host(TimeProvider timeProvider)
    {
        var uptime = (ulong)(Environment.TickCount64 / 1000);
        return new
        {
            hostname = Environment.MachineName,
            uptime,
            bootTime = (ulong)timeProvider.GetUtcNow().ToUnixTimeSeconds() - uptime,
            procs = (ulong)System.Diagnostics.Process.GetProcesses().Length,
            os = RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
                ? "linux"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
                ? "darwin"
                : "windows",
            platform = RuntimeInformation.OSDescription,
            kernelVersion = Environment.OSVersion.Version.ToString(),
            kernelArch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        };
    }

    private static object? Disk(List<string> errors)
    {
        try
        {
            var drive = new DriveInfo(AppContext.BaseDirectory);
            var used = (ulong)(drive.TotalSize - drive.TotalFreeSpace);
            return new
            {
                path = drive.RootDirectory.FullName,
                fstype = drive.DriveFormat,
                total = (ulong)drive.TotalSize,
                free = (ulong)drive.AvailableFreeSpace,
                used,
                usedPercent = drive.TotalSize > 0 ? 100.0 * used / drive.TotalSize : 0,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            errors.Add("disk: " + e.Message);
            return null;
        }
    }
}
