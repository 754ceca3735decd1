using Microsoft.Extensions.Logging;

namespace Parley.Api;

internal static partial class ApiLog
{
    private const int Base = 4000; // Api owns 4000-4999. Next free: 4002.

    [LoggerMessage(Base + 1, LogLevel.Error, "{Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, string method, string path, Exception exception);
}
