using Microsoft.Extensions.Logging;

namespace Parley.Mesh;

internal static partial class MeshLog
{
    private const int Base = 6000; // Mesh owns 6000-6999. Next free: 6003.

    [LoggerMessage(Base + 1, LogLevel.Information, "Connect CA initialised with trust domain {TrustDomain}")]
    public static partial void CaInitialized(this ILogger logger, string trustDomain);

    [LoggerMessage(Base + 2, LogLevel.Debug, "Connect CA initialisation deferred: {Reason}")]
    public static partial void CaInitializationDeferred(this ILogger logger, string reason);
}
