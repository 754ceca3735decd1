namespace Parley.Peering.Cleanup;

/// <summary>How the cleanup's last <c>Terminated</c> to a deleted peering's acceptor went.</summary>
/// <param name="Outcome">What the acceptor made of it.</param>
/// <param name="Address">The address of the last attempt.</param>
/// <param name="Detail">The acceptor's answer or the last error; empty when it was told.</param>
/// <param name="Attempts">How many calls were started.</param>
internal sealed record PeerTermination(PeerTerminationOutcome Outcome, string Address, string Detail, int Attempts);
