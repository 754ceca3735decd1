using Microsoft.Extensions.Logging;
using Parley.Peering.Cleanup;

namespace Parley.Peering;

// The cleanup's last Terminated to a deleted peering's acceptor: event ids 3150-3159.
internal static partial class PeeringLog
{
    [LoggerMessage(3150, LogLevel.Information,
        "Told peer {PeerName} at {Address} that the peering was deleted (Terminated, attempt {Attempts})")]
    public static partial void PeerToldTerminated(this ILogger logger, string peerName, string address, int attempts);

    [LoggerMessage(3151, LogLevel.Information, "Peer {PeerName} at {Address} already knew the peering was ended: {Detail}")]
    public static partial void PeerAlreadyTerminated(this ILogger logger, string peerName, string address, string detail);

    [LoggerMessage(3152, LogLevel.Warning,
        "Could not tell peer {PeerName} that the peering was deleted ({Outcome} after {Attempts} attempt(s)): {Detail};" +
        " deleting it anyway")]
    public static partial void PeerNotTold(
        this ILogger logger,
        string peerName,
        PeerTerminationOutcome outcome,
        int attempts,
        string detail);
}
