namespace Parley.State.Peering;

/// <summary>
/// The secrets of one peering, stored apart from it and never returned by the API: the single-use
/// establishment secret (acceptor, until exchanged) and the stream secrets.
/// </summary>
public sealed record PeeringSecrets
{
    public required string PeeringID { get; init; }
    public string? EstablishmentSecret { get; init; }
    public string? ActiveStreamSecret { get; init; }
    public string? PendingStreamSecret { get; init; }
}
