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

    /// <summary>
    /// The SHA-256 (lowercase hex) of the exchange id and establishment secret whose exchange produced
    /// <see cref="PendingStreamSecret"/>, so that the same dialer's retry gets the same pending secret back; never the
    /// secret itself. Cleared when the pending secret is promoted or a new token is generated; absent when the dialer sent
    /// no exchange id and in snapshots written before Parley kept it (such a pending secret is not handed out again).
    /// </summary>
    public string? PendingExchangeHash { get; init; }

    /// <summary>When the outstanding token (<see cref="EstablishmentSecret"/>) was generated; cleared with the secret.</summary>
    public DateTimeOffset? EstablishmentIssuedAt { get; init; }

    /// <summary>
    /// When the outstanding token stops being accepted (a Parley addition; null: never). The acceptor enforces this stored
    /// value, never what a dialer's token says. Cleared with the secret.
    /// </summary>
    public DateTimeOffset? EstablishmentExpiresAt { get; init; }
}
