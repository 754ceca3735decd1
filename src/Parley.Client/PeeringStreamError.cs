namespace Parley.Client;

/// <summary>A Parley addition: an error of a peering stream (<see cref="PeeringStreamStatus.LastError"/>).</summary>
public sealed record PeeringStreamError
{
    /// <summary>The error text, e.g. <c>dial tcp 10.0.0.5:8503: connection refused</c>.</summary>
    public string Message { get; init; } = "";

    /// <summary>When it happened.</summary>
    public DateTimeOffset Time { get; init; }
}
