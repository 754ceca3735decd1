using Microsoft.Extensions.Logging;

namespace Parley.Consensus;

/// <summary>Log messages of the consensus layer.</summary>
internal static partial class ConsensusLog
{
    private const int Base = 2000; // Consensus owns 2000-2999. Next free: 2014.

    [LoggerMessage(Base + 1, LogLevel.Information,
        "Starting Raft server at {ServerEndpoint} (advertised as {AdvertiseEndpoint}), data in {LogDirectory}")]
    public static partial void Starting(this ILogger logger, string serverEndpoint, string advertiseEndpoint, string logDirectory);

    [LoggerMessage(Base + 2, LogLevel.Information,
        "Raft options: bootstrap {Bootstrap}, election timeout {LowerElectionTimeout}-{UpperElectionTimeout}, " +
        "request timeout {RequestTimeout}, heartbeat threshold {HeartbeatThreshold}, snapshot threshold {SnapshotThreshold}, " +
        "log chunk {LogChunkSize} bytes")]
    public static partial void EffectiveOptions(this ILogger logger, bool bootstrap, TimeSpan lowerElectionTimeout,
        TimeSpan upperElectionTimeout, TimeSpan requestTimeout, double heartbeatThreshold, long snapshotThreshold, int logChunkSize);

    [LoggerMessage(Base + 3, LogLevel.Information,
        "Raft server started: restored snapshot up to index {SnapshotIndex}, replayed log up to index {AppliedIndex}")]
    public static partial void Started(this ILogger logger, long snapshotIndex, long appliedIndex);

    [LoggerMessage(Base + 4, LogLevel.Information, "Raft leader is {Leader}")]
    public static partial void LeaderElected(this ILogger logger, string leader);

    [LoggerMessage(Base + 5, LogLevel.Warning, "Raft leader lost; no cluster leader")]
    public static partial void LeaderLost(this ILogger logger);

    [LoggerMessage(Base + 6, LogLevel.Information, "Taking a snapshot at log index {Index}")]
    public static partial void SnapshotStarted(this ILogger logger, long index);

    [LoggerMessage(Base + 7, LogLevel.Information, "Restored snapshot at log index {Index} from {File}")]
    public static partial void SnapshotRestored(this ILogger logger, long index, string file);

    [LoggerMessage(Base + 8, LogLevel.Critical,
        "Fatal consensus error; the log will not be applied past this point and the server must stop")]
    public static partial void FatalError(this ILogger logger, Exception exception);

    [LoggerMessage(Base + 9, LogLevel.Critical, "Applying log entry {Index} failed; stopping rather than skipping it")]
    public static partial void ApplyFailed(this ILogger logger, long index, Exception exception);

    [LoggerMessage(Base + 10, LogLevel.Information, "Raft server stopped")]
    public static partial void Stopped(this ILogger logger);

    [LoggerMessage(Base + 11, LogLevel.Warning,
        "Bootstrap-expect {BootstrapExpect} and retry-join are not implemented yet; this server waits to be added by a leader")]
    public static partial void JoinNotImplemented(this ILogger logger, int bootstrapExpect);

    [LoggerMessage(Base + 12, LogLevel.Error, "Writing the snapshot at log index {Index} failed")]
    public static partial void SnapshotFailed(this ILogger logger, long index, Exception exception);

    [LoggerMessage(Base + 13, LogLevel.Warning, "Flushing the Raft log on shutdown failed")]
    public static partial void FlushOnStopFailed(this ILogger logger, Exception exception);
}
