using Microsoft.Extensions.Logging;

namespace Parley.Agent.Hosting;

/// <summary>Consul's log level words mapped to .NET's.</summary>
internal static class LogLevels
{
    public static LogLevel Parse(string level) => level.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warning,
        "err" or "error" => LogLevel.Error,
        _ => LogLevel.Information,
    };
}
