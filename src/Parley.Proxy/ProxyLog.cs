using Microsoft.Extensions.Logging;

namespace Parley.Proxy;

/// <summary>The proxy's log messages.</summary>
internal static partial class ProxyLog
{
    // Proxy owns 7000-7999: 7000-7499 the sidecar and the shared data plane, 7500-7999 the mesh gateway. Next free: 7003.
    private const int Base = 7000;

    [LoggerMessage(Base + 1, LogLevel.Warning, "Watch {Watch} failed ({Failures} in a row); retrying in {Delay}: {Error}")]
    public static partial void WatchFailed(this ILogger logger, string watch, int failures, TimeSpan delay, string error);

    [LoggerMessage(Base + 2, LogLevel.Debug, "Refused a TLS peer on {Listener}: {Reason}")]
    public static partial void TlsPeerRefused(this ILogger logger, string listener, string reason);
}
