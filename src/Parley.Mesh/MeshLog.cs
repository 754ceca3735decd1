using Microsoft.Extensions.Logging;

namespace Parley.Mesh;

internal static partial class MeshLog
{
    private const int Base = 6000; // Mesh owns 6000-6999. Next free: 6008.

    [LoggerMessage(Base + 1, LogLevel.Information, "Connect CA initialised with trust domain {TrustDomain}")]
    public static partial void CaInitialized(this ILogger logger, string trustDomain);

    [LoggerMessage(Base + 2, LogLevel.Debug, "Connect CA initialisation deferred: {Reason}")]
    public static partial void CaInitializationDeferred(this ILogger logger, string reason);

    [LoggerMessage(Base + 3, LogLevel.Debug,
        "Issued leaf certificate for {Key}: serial {Serial}, root {RootId}, valid until {ValidBefore}")]
    public static partial void LeafIssued(this ILogger logger, string key, string serial, string rootId, DateTimeOffset validBefore);

    [LoggerMessage(Base + 4, LogLevel.Warning, "Renewing the leaf certificate for {Key} failed; trying again in {Delay}")]
    public static partial void LeafRenewalFailed(this ILogger logger, string key, TimeSpan delay, Exception exception);

    [LoggerMessage(Base + 5, LogLevel.Debug, "Dropped the unused leaf certificate for {Key}")]
    public static partial void LeafDropped(this ILogger logger, string key);

    [LoggerMessage(Base + 6, LogLevel.Information, "Pruned CA root {RootId}, rotated out at {RotatedOutAt}")]
    public static partial void CaRootPruned(this ILogger logger, string rootId, DateTimeOffset? rotatedOutAt);

    [LoggerMessage(Base + 7, LogLevel.Debug, "CA root pruning deferred: {Reason}")]
    public static partial void CaPruneDeferred(this ILogger logger, string reason);
}
