using Microsoft.Extensions.Logging;

namespace Parley.Api;

internal static partial class ApiLog
{
    private const int Base = 4000; // Api owns 4000-4999. Next free: 4004.

    [LoggerMessage(Base + 1, LogLevel.Error, "{Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(Base + 2, LogLevel.Information,
        "ACLs initialized: built-in policy and anonymous token written (initial management token: {InitialManagement})")]
    public static partial void AclInitialized(this ILogger logger, bool initialManagement);

    [LoggerMessage(Base + 3, LogLevel.Debug, "ACL initialization deferred: {Reason}")]
    public static partial void AclInitializationDeferred(this ILogger logger, string reason);
}
