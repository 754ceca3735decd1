namespace Parley.Core.ConfigEntries;

/// <summary>How traffic uses mesh gateways: empty (default), <c>none</c>, <c>local</c> or <c>remote</c>.</summary>
public sealed record MeshGatewayConfig
{
    public string Mode { get; init; } = "";
}
