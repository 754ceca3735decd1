namespace Parley.Peering.Cleanup;

/// <summary>What came of one bounded attempt to tell an acceptor that its dialer deleted the peering.</summary>
internal enum PeerTerminationOutcome
{
    /// <summary>The acceptor took <c>Open</c> and <c>Terminated</c> and closed the stream cleanly: it marks its side TERMINATED.</summary>
    Told,

    /// <summary>The acceptor already had no active peering (Terminated + <c>Aborted</c>, or an unknown PeerID).</summary>
    AlreadyKnown,

    /// <summary>The acceptor refused the stream for good (stream secret or direction not accepted).</summary>
    Refused,

    /// <summary>No server of the acceptor answered usefully within the budget.</summary>
    Unreachable,
}
