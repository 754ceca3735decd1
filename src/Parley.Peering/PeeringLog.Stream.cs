using Microsoft.Extensions.Logging;

namespace Parley.Peering;

// The peer stream, the dialer and the cleanup routine: event ids 3100-3199.
internal static partial class PeeringLog
{
    [LoggerMessage(3100, LogLevel.Information, "Peering stream with {PeerName} connected ({Role}, peering {PeeringId})")]
    public static partial void StreamConnected(this ILogger logger, string peerName, string role, string peeringId);

    [LoggerMessage(3101, LogLevel.Warning, "Peering stream with {PeerName} failed: {Error}")]
    public static partial void StreamFailed(this ILogger logger, string peerName, string error);

    [LoggerMessage(3102, LogLevel.Information, "Peer {PeerName} terminated the peering; marking it TERMINATED")]
    public static partial void TerminatedByPeer(this ILogger logger, string peerName);

    [LoggerMessage(3103, LogLevel.Information, "Peering with {PeerName} is no longer active; sending Terminated and closing its stream")]
    public static partial void TerminatingStream(this ILogger logger, string peerName);

    [LoggerMessage(3104, LogLevel.Warning, "Refused {ResourceUrl} {ResourceId} from peer {PeerName}: {Error}")]
    public static partial void ResponseNacked(this ILogger logger, string resourceUrl, string resourceId, string peerName, string error);

    [LoggerMessage(3105, LogLevel.Warning, "Peer {PeerName} refused a {ResourceUrl} update: {Error}")]
    public static partial void RemoteNacked(this ILogger logger, string peerName, string resourceUrl, string error);

    [LoggerMessage(3106, LogLevel.Warning, "Instance {InstanceId} of {Service} is too large to send to peer {PeerName}; it is left out")]
    public static partial void InstanceTooLarge(this ILogger logger, string instanceId, string service, string peerName);

    [LoggerMessage(3107, LogLevel.Warning, "Dialing peer {PeerName} at {Address} failed; retrying in {Delay}: {Error}")]
    public static partial void DialFailed(this ILogger logger, string peerName, string address, TimeSpan delay, string error);

    [LoggerMessage(3108, LogLevel.Information, "Deleted {Nodes} imported nodes of peer {PeerName}")]
    public static partial void ImportedDataDeleted(this ILogger logger, int nodes, string peerName);

    [LoggerMessage(3109, LogLevel.Warning, "Cleaning up peering {PeerName} failed; will retry: {Error}")]
    public static partial void CleanupFailed(this ILogger logger, string peerName, string error);

    [LoggerMessage(3110, LogLevel.Information, "Peering {PeerName} deleted")]
    public static partial void PeeringDeleted(this ILogger logger, string peerName);

    [LoggerMessage(3111, LogLevel.Information, "Refused a peering stream for peer ID {PeerId}: {Reason}")]
    public static partial void StreamRefused(this ILogger logger, string peerId, string reason);

    [LoggerMessage(3112, LogLevel.Debug, "Sent {ResourceUrl} {ResourceId} to peer {PeerName} in {Pages} message(s)")]
    public static partial void ResourceSent(this ILogger logger, string resourceUrl, string resourceId, string peerName, int pages);
}
