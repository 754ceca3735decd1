namespace Parley.Core.Peering;

/// <summary>Converts <see cref="PeeringState"/> to and from Consul's wire words (<c>PENDING</c>, <c>ACTIVE</c>, ...).</summary>
public static class PeeringStates
{
    /// <summary>The upper-case word Consul's HTTP API shows for <paramref name="state"/>.</summary>
    /// <remarks>Values outside the enum read as <c>UNDEFINED</c>, as Consul does for unknown proto numbers.</remarks>
    public static string ToWireString(this PeeringState state) => state switch
    {
        PeeringState.Pending => "PENDING",
        PeeringState.Establishing => "ESTABLISHING",
        PeeringState.Active => "ACTIVE",
        PeeringState.Failing => "FAILING",
        PeeringState.Deleting => "DELETING",
        PeeringState.Terminated => "TERMINATED",
        PeeringState.Expired => "EXPIRED",
        _ => "UNDEFINED",
    };

    /// <summary>Parses a wire word exactly (upper case, as Consul writes it).</summary>
    /// <returns><see langword="true"/> when <paramref name="value"/> names a state.</returns>
    public static bool TryParse(string? value, out PeeringState state)
    {
        state = value switch
        {
            "UNDEFINED" => PeeringState.Undefined,
            "PENDING" => PeeringState.Pending,
            "ESTABLISHING" => PeeringState.Establishing,
            "ACTIVE" => PeeringState.Active,
            "FAILING" => PeeringState.Failing,
            "DELETING" => PeeringState.Deleting,
            "TERMINATED" => PeeringState.Terminated,
            "EXPIRED" => PeeringState.Expired,
            _ => (PeeringState)(-1),
        };

        if ((int)state < 0)
        {
            state = PeeringState.Undefined;
            return false;
        }

        return true;
    }

    /// <summary>Parses a wire word; anything unknown reads as <see cref="PeeringState.Undefined"/>, as in Consul's API.</summary>
    public static PeeringState Parse(string? value) => TryParse(value, out var state) ? state : PeeringState.Undefined;

    /// <summary>
    /// The state a peering is reported in: the <paramref name="stored"/> one, overridden for an active peering by the
    /// leader's view of its stream (<paramref name="streamConnected"/> true: ACTIVE; false, the stream failed: FAILING;
    /// null, no view: the stored state) and, a Parley addition, EXPIRED for a PENDING peering whose outstanding token
    /// expired (<paramref name="tokenExpiresAt"/>) by <paramref name="now"/>. Inactive peerings (deleting, terminated)
    /// report what is stored.
    /// </summary>
    public static PeeringState Reported(
        PeeringState stored, bool isActive, bool? streamConnected, DateTimeOffset? tokenExpiresAt, DateTimeOffset? now) =>
        (isActive, streamConnected) switch
        {
            (false, _) => stored,
            (true, true) => PeeringState.Active,
            (true, false) => PeeringState.Failing,
            _ when stored == PeeringState.Pending && now is { } at && tokenExpiresAt is { } expiresAt
                && PeeringTokenExpiry.IsExpired(expiresAt, at) => PeeringState.Expired,
            _ => stored,
        };
}
