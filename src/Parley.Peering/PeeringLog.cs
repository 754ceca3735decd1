using Microsoft.Extensions.Logging;

namespace Parley.Peering;

internal static partial class PeeringLog
{
    private const int Base = 3000; // Peering owns 3000-3999; 3000-3099 are the integrator's. Next free: 3003.

    [LoggerMessage(Base + 1, LogLevel.Information, "Connect CA initialised with trust domain {TrustDomain}")]
    public static partial void CaInitialized(this ILogger logger, string trustDomain);

    [LoggerMessage(Base + 2, LogLevel.Debug, "Connect CA initialisation deferred: {Reason}")]
    public static partial void CaInitializationDeferred(this ILogger logger, string reason);
}
