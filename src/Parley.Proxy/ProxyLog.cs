using Microsoft.Extensions.Logging;

namespace Parley.Proxy;

/// <summary>The proxy's log messages.</summary>
internal static partial class ProxyLog
{
    // Proxy owns 7000-7999: 7000-7499 the sidecar and the shared data plane, 7500-7999 the mesh gateway. Next free: 7014.
    private const int Base = 7000;

    [LoggerMessage(Base + 1, LogLevel.Warning, "Watch {Watch} failed ({Failures} in a row); retrying in {Delay}: {Error}")]
    public static partial void WatchFailed(this ILogger logger, string watch, int failures, TimeSpan delay, string error);

    [LoggerMessage(Base + 2, LogLevel.Debug, "Refused a TLS peer on {Listener}: {Reason}")]
    public static partial void TlsPeerRefused(this ILogger logger, string listener, string reason);

    [LoggerMessage(Base + 3, LogLevel.Information, "Public listener on {Endpoint}")]
    public static partial void InboundListening(this ILogger logger, string endpoint);

    [LoggerMessage(Base + 4, LogLevel.Debug, "Connection from {Caller} denied: {Reason}")]
    public static partial void ConnectionDenied(this ILogger logger, string caller, string reason);

    [LoggerMessage(Base + 5, LogLevel.Debug, "Request from {Caller} to {Path} denied: {Reason}")]
    public static partial void RequestDenied(this ILogger logger, string caller, string path, string reason);

    [LoggerMessage(Base + 6, LogLevel.Warning, "Local application at {Address} is unreachable: {Error}")]
    public static partial void LocalApplicationUnreachable(this ILogger logger, string address, string error);

    [LoggerMessage(Base + 7, LogLevel.Error, "Cannot listen for {Listener} on {Endpoint}: {Error}")]
    public static partial void ListenerBindFailed(this ILogger logger, string listener, string endpoint, string error);

    [LoggerMessage(Base + 8, LogLevel.Information, "Upstream {Upstream} listening on {Endpoint}")]
    public static partial void UpstreamListening(this ILogger logger, string upstream, string endpoint);

    [LoggerMessage(Base + 9, LogLevel.Debug, "Upstream {Upstream} has no healthy endpoint in any target")]
    public static partial void NoHealthyUpstream(this ILogger logger, string upstream);

    [LoggerMessage(Base + 10, LogLevel.Debug, "Upstream {Upstream}: connecting to {Endpoint} failed: {Error}")]
    public static partial void UpstreamConnectFailed(this ILogger logger, string upstream, string endpoint, string error);

    [LoggerMessage(Base + 11, LogLevel.Debug, "Upstream {Upstream}: request to {Endpoint} failed: {Error}")]
    public static partial void UpstreamRequestFailed(this ILogger logger, string upstream, string endpoint, string error);

    [LoggerMessage(Base + 12, LogLevel.Warning, "Proxy registration {ProxyId} is not on the agent; keeping the last configuration")]
    public static partial void ProxyRegistrationMissing(this ILogger logger, string proxyId);

    [LoggerMessage(Base + 13, LogLevel.Warning, "{Warning}")]
    public static partial void ConfigurationWarning(this ILogger logger, string warning);
}
