namespace Parley.Client;

/// <summary>The body of <c>POST /v1/peering/token</c>.</summary>
public sealed record PeeringGenerateTokenRequest
{
    /// <summary>The local name for the peer that will use the token. Required.</summary>
    public string PeerName { get; init; } = "";

    /// <summary>The partition (enterprise only).</summary>
    [OmitEmpty]
    public string? Partition { get; init; }

    /// <summary>Metadata stored on the new peering.</summary>
    [OmitEmpty]
    public Dictionary<string, string>? Meta { get; init; }

    /// <summary><c>host:port</c> addresses the peer should dial instead of the discovered ones.</summary>
    [OmitEmpty]
    public List<string>? ServerExternalAddresses { get; init; }

    /// <summary>A Parley addition: how long the token is accepted, as a Go duration (<c>1h</c>); unset: the agent's default.</summary>
    [OmitEmpty]
    public string? ExpiresIn { get; init; }
}
