using Parley.Core.Peering;
using Parley.State.Peering;

namespace Parley.Peering;

/// <summary>How a stored peering is reported: its state as the API and the doctor show it, and its outstanding token.</summary>
public static class PeeringReport
{
    /// <summary>
    /// The reported state (<see cref="PeeringStates.Reported"/>) of a stored <paramref name="peering"/>, given the leader's
    /// view of its stream <paramref name="status"/> and, for EXPIRED, its <paramref name="secrets"/> at <paramref name="now"/>.
    /// </summary>
    public static PeeringState StateOf(
        PeeringRecord peering, PeeringStreamStatus? status, PeeringSecrets? secrets = null, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(peering);
        bool? connected = status switch
        {
            { Connected: true } => true,
            { DisconnectError: not null } => false,
            _ => null,
        };
        return PeeringStates.Reported(peering.State, peering.IsActive, connected, OutstandingToken(secrets)?.ExpiresAt, now);
    }

    /// <summary>
    /// The unused token of an acceptor peering: when it was generated and when it expires; null when none is outstanding.
    /// </summary>
    public static (DateTimeOffset? IssuedAt, DateTimeOffset? ExpiresAt)? OutstandingToken(PeeringSecrets? secrets) =>
        secrets is { EstablishmentSecret: not null } s ? (s.EstablishmentIssuedAt, s.EstablishmentExpiresAt) : null;
}
