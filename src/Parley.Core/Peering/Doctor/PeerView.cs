namespace Parley.Core.Peering.Doctor;

/// <summary>
/// What the peer's own HTTP API said about the peering (asked by <c>parley peering doctor -peer-http-addr</c>, never by the
/// server): the peer's record that pairs with ours, its state, and what it imports of the service followed.
/// </summary>
public sealed record PeerView
{
    /// <summary>Where the peer was asked (its HTTP address), for the texts.</summary>
    public required string Address { get; init; }

    /// <summary>The state this cluster reports for the peering, read in the same run.</summary>
    public string? StateHere { get; init; }

    /// <summary>The peer's name for this cluster: its peering whose IDs pair with ours; null when it has none.</summary>
    public string? NameThere { get; init; }

    /// <summary>The state the peer reports for that peering.</summary>
    public string? StateThere { get; init; }

    /// <summary>
    /// Instances of the service followed that the peer holds from this cluster (its <c>/v1/health/service/S?peer=</c>);
    /// null when no service is followed or this cluster imports it rather than exports it.
    /// </summary>
    public int? ImportedThere { get; init; }
}
