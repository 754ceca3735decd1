namespace Parley.Peering.Dialer;

/// <summary>
/// Which of a peer's addresses the dialer tries next: the ring walk of Consul's dialer, plus a jump to the address a
/// follower named as the leader when that address is one the dialer may dial.
/// </summary>
/// <remarks>
/// Consul's dialer only walks the ring (it never reads the <c>LeaderAddress</c> detail, which Consul fills with the
/// leader's Raft address). Parley follows the hint when it names one of the dialable addresses and otherwise walks on,
/// so a hint that is a server-port address, or that is not among <c>ServerExternalAddresses</c>, changes nothing.
/// </remarks>
internal static class DialRing
{
    /// <summary>The position of the next attempt.</summary>
    /// <param name="addresses">The addresses to dial now (manual addresses, else the peer's server addresses); not empty.</param>
    /// <param name="last">The position of the attempt that just ended (taken modulo the number of addresses).</param>
    /// <param name="leaderHint">The <c>LeaderAddress</c> detail of the failure, if it carried one.</param>
    /// <returns>
    /// The position of <paramref name="leaderHint"/> when it is one of <paramref name="addresses"/> other than the one just
    /// dialed; otherwise the position after <paramref name="last"/>.
    /// </returns>
    public static int Next(IReadOnlyList<string> addresses, int last, string? leaderHint)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentOutOfRangeException.ThrowIfZero(addresses.Count);
        var current = Wrap(last, addresses.Count);
        if (!string.IsNullOrEmpty(leaderHint))
        {
            for (var i = 0; i < addresses.Count; i++)
            {
                if (i != current && string.Equals(addresses[i], leaderHint, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        return (current + 1) % addresses.Count;
    }

    /// <summary><paramref name="position"/> as an index into a ring of <paramref name="count"/> addresses.</summary>
    public static int Wrap(int position, int count) => ((position % count) + count) % count;
}
