namespace Parley.Core.Peering;

/// <summary>
/// The state of a peering, as Consul names it. The numeric values match Consul's proto enum, so the
/// HTTP API word (<see cref="PeeringStates.ToWireString"/>) and the proto number agree.
/// </summary>
public enum PeeringState
{
    /// <summary>No state; also what an unknown word reads as.</summary>
    Undefined = 0,

    /// <summary>Token generated (acceptor) or record written before the secret exchange (dialer).</summary>
    Pending = 1,

    /// <summary>Dialer only: the secret exchange succeeded and the leader is opening the stream.</summary>
    Establishing = 2,

    /// <summary>Reported while the stream is connected; derived at read time, never stored.</summary>
    Active = 3,

    /// <summary>Reported while the stream is broken with an error; derived at read time, never stored.</summary>
    Failing = 4,

    /// <summary>Marked for deletion; imported data is being removed.</summary>
    Deleting = 5,

    /// <summary>The peer ended the peering; imported data is removed and the record stays until deleted.</summary>
    Terminated = 6,

    /// <summary>
    /// A Parley addition, reported only: a PENDING acceptor peering whose unused token is past its expiry (the peer can
    /// no longer establish with it; generating a new token makes it PENDING again). Never stored; no Consul number.
    /// </summary>
    Expired = 100,
}
