using System.Text.Json.Nodes;
using Parley.Core.ConfigEntries;

namespace Parley.Core.DiscoveryChain;

/// <summary>
/// The body of <c>POST /v1/discovery-chain/:service</c>:
/// <c>{"OverrideConnectTimeout":"7s","OverrideProtocol":"grpc","OverrideMeshGateway":{"Mode":"remote"}}</c>.
/// </summary>
public sealed record DiscoveryChainOverrides
{
    public MeshGatewayConfig OverrideMeshGateway { get; init; } = new();

    public string OverrideProtocol { get; init; } = "";

    public TimeSpan OverrideConnectTimeout { get; init; }

    /// <summary>
    /// Reads the body (keys case-insensitive, snake_case accepted, other keys ignored as Consul's body decoding
    /// does); throws <see cref="ConfigEntryDecodeException"/> for a malformed value such as a bad duration.
    /// </summary>
    public static DiscoveryChainOverrides FromJson(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var context = new DecodeContext();
        var reader = new JsonFieldReader(body, "", context);
        var overrides = new DiscoveryChainOverrides
        {
            OverrideMeshGateway = reader.Object(
                "OverrideMeshGateway",
                m => new MeshGatewayConfig { Mode = m.String("Mode") },
                "override_mesh_gateway") ?? new(),
            OverrideProtocol = reader.String("OverrideProtocol", "override_protocol"),
            OverrideConnectTimeout = reader.Duration("OverrideConnectTimeout", "override_connect_timeout"),
        };
        context.UnusedKeys.Clear();
        context.ThrowIfFailed();
        return overrides;
    }

    /// <summary>The request with these overrides applied.</summary>
    public DiscoveryChainRequest ApplyTo(DiscoveryChainRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request with
        {
            OverrideMeshGateway = OverrideMeshGateway,
            OverrideProtocol = OverrideProtocol,
            OverrideConnectTimeout = OverrideConnectTimeout,
        };
    }
}
