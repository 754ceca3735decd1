using Microsoft.Extensions.Logging;

namespace Parley.Consensus;

/// <summary>Log messages of the consensus layer.</summary>
internal static partial class ConsensusLog
{
    private const int Base = 2000; // Consensus owns 2000-2999. Next free: 2030.

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

    // 2011 (join not implemented) is retired.

    [LoggerMessage(Base + 12, LogLevel.Error, "Writing the snapshot at log index {Index} failed")]
    public static partial void SnapshotFailed(this ILogger logger, long index, Exception exception);

    [LoggerMessage(Base + 13, LogLevel.Warning, "Flushing the Raft log on shutdown failed")]
    public static partial void FlushOnStopFailed(this ILogger logger, Exception exception);

    [LoggerMessage(Base + 14, LogLevel.Debug, "Dropped a server-port connection from {Remote} with unknown preamble {Preamble}")]
    public static partial void UnknownPreamble(this ILogger logger, byte preamble, string remote);

    [LoggerMessage(Base + 15, LogLevel.Warning, "The snapshot restored at log index {Index} could not be read; the state is unchanged")]
    public static partial void RestoreRefused(this ILogger logger, long index, Exception exception);

    [LoggerMessage(Base + 16, LogLevel.Information, "Replaced the state with a restored snapshot at log index {Index}")]
    public static partial void SnapshotInstalled(this ILogger logger, long index);

    [LoggerMessage(Base + 17, LogLevel.Debug, "Could not reach server {Server} to join: {Reason}")]
    public static partial void JoinAttemptFailed(this ILogger logger, string server, string reason);

    [LoggerMessage(Base + 18, LogLevel.Information, "Joined the cluster through {Server}")]
    public static partial void Joined(this ILogger logger, string server);

    [LoggerMessage(Base + 19, LogLevel.Information, "Bootstrapping a new cluster: {Count} servers found, {Expect} expected ({Servers})")]
    public static partial void Bootstrapping(this ILogger logger, int count, int expect, string servers);

    [LoggerMessage(Base + 20, LogLevel.Information, "Waiting to join a cluster: {Count} of {Expect} expected servers found ({Servers})")]
    public static partial void WaitingForServers(this ILogger logger, int count, int expect, string servers);

    [LoggerMessage(Base + 21, LogLevel.Information, "Added server {Address} to the Raft configuration")]
    public static partial void MemberAdded(this ILogger logger, string address);

    [LoggerMessage(Base + 22, LogLevel.Information, "Removed server {Address} from the Raft configuration")]
    public static partial void MemberRemoved(this ILogger logger, string address);

    [LoggerMessage(Base + 23, LogLevel.Debug, "Forwarding to leader {Leader} failed: {Reason}")]
    public static partial void ForwardFailed(this ILogger logger, string leader, string reason);

    [LoggerMessage(Base + 24, LogLevel.Warning, "Server RPC {Kind} from {From} failed")]
    public static partial void RpcFailed(this ILogger logger, string kind, string from, Exception exception);

    [LoggerMessage(Base + 25, LogLevel.Information, "Leaving the cluster: removing {Address} from the Raft configuration")]
    public static partial void Leaving(this ILogger logger, string address);

    [LoggerMessage(Base + 26, LogLevel.Warning, "Adding server {Address} to the Raft configuration failed: {Reason}")]
    public static partial void MemberAddFailed(this ILogger logger, string address, string reason);

    [LoggerMessage(Base + 27, LogLevel.Information, "Waiting to be added to the cluster ({Servers} to ask)")]
    public static partial void WaitingToJoin(this ILogger logger, string servers);

    [LoggerMessage(Base + 28, LogLevel.Warning,
        "Refused a plain connection to the server port from {Remote}: tls.internal_rpc.verify_incoming is set")]
    public static partial void PlainConnectionRefused(this ILogger logger, string remote);

    [LoggerMessage(Base + 29, LogLevel.Warning, "Refused a TLS connection to the server port from {Remote}: {Reason}")]
    public static partial void TlsHandshakeRefused(this ILogger logger, string remote, string reason);
}
