namespace Parley.Client;

/// <summary>The body of <c>POST /v1/peering/establish</c>.</summary>
public sealed record PeeringEstablishRequest
{
    /// <summary>The local name for the peer that generated the token. Required.</summary>
    public string PeerName { get; init; } = "";

    /// <summary>The token the peer generated. Required.</summary>
    public string PeeringToken { get; init; } = "";

    /// <summary>The partition (enterprise only).</summary>
    [OmitEmpty]
    public string? Partition { get; init; }

    /// <summary>Metadata stored on the new peering.</summary>
    [OmitEmpty]
    public Dictionary<string, string>? Meta { get; init; }
}
