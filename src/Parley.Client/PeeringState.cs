namespace Parley.Client;

/// <summary>The values of <see cref="Peering.State"/>.</summary>
public static class PeeringState
{
    /// <summary>Not known.</summary>
    public const string Undefined = "UNDEFINED";

    /// <summary>A token was generated; the peer has not connected yet.</summary>
    public const string Pending = "PENDING";

    /// <summary>The secret exchange succeeded; the stream is being opened.</summary>
    public const string Establishing = "ESTABLISHING";

    /// <summary>The stream is connected.</summary>
    public const string Active = "ACTIVE";

    /// <summary>The stream is failing and being retried.</summary>
    public const string Failing = "FAILING";

    /// <summary>Marked for deletion; being cleaned up.</summary>
    public const string Deleting = "DELETING";

    /// <summary>The peer deleted its side.</summary>
    public const string Terminated = "TERMINATED";

    /// <summary>A Parley addition: a pending peering whose token expired unused; generate a new token.</summary>
    public const string Expired = "EXPIRED";
}
