using Microsoft.Extensions.Logging;

namespace Parley.Agent;

internal static partial class AgentLog
{
    private const int Base = 5000; // Agent owns 5000-5999. Next free: 5009.

    [LoggerMessage(Base + 1, LogLevel.Information,
        "Parley agent {Node} ({Mode}) in {Datacenter}: HTTP on {Http}, server port {ServerPort}, data in {DataDir}")]
    public static partial void Listening(
        this ILogger logger,
        string node,
        string mode,
        string datacenter,
        string http,
        int serverPort,
        string dataDir);

    [LoggerMessage(Base + 2, LogLevel.Warning, "{Warning}")]
    public static partial void ConfigWarning(this ILogger logger, string warning);

    [LoggerMessage(Base + 3, LogLevel.Information, "Registered this server in the catalog at index {Index}")]
    public static partial void SelfRegistered(this ILogger logger, long index);

    [LoggerMessage(Base + 4, LogLevel.Warning, "Could not register this server in the catalog; retrying")]
    public static partial void SelfRegistrationFailed(this ILogger logger, Exception exception);

    [LoggerMessage(Base + 5, LogLevel.Debug, "Check {CheckId} is now {Status}")]
    public static partial void CheckStatusChanged(this ILogger logger, string checkId, string status);

    [LoggerMessage(Base + 6, LogLevel.Warning, "Could not record the result of check {CheckId}")]
    public static partial void CheckUpdateFailed(this ILogger logger, string checkId, Exception exception);

    [LoggerMessage(Base + 7, LogLevel.Information, "Agent ready in {Elapsed}")]
    public static partial void Ready(this ILogger logger, TimeSpan elapsed);

    [LoggerMessage(Base + 8, LogLevel.Information, "Agent stopping")]
    public static partial void Stopping(this ILogger logger);
}
