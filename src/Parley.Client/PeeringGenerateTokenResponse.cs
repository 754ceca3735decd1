namespace Parley.Client;

/// <summary>The answer of <c>POST /v1/peering/token</c>.</summary>
public sealed record PeeringGenerateTokenResponse
{
    /// <summary>The single-use peering token to hand to the peer.</summary>
    public string PeeringToken { get; init; } = "";
}
