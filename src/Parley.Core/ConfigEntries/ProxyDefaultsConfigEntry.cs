using System.Text.Json.Nodes;

namespace Parley.Core.ConfigEntries;

/// <summary>
/// <c>proxy-defaults</c> (always named <c>global</c>): defaults for every proxy. <see cref="Config"/> is opaque
/// proxy configuration; its <c>protocol</c> key is the default protocol of every service.
/// </summary>
public sealed record ProxyDefaultsConfigEntry : ConfigEntry
{
    public override string Kind => ConfigEntryKinds.ProxyDefaults;

    /// <summary>Opaque proxy configuration. Treat it as read-only; the codec copies it in and out.</summary>
    public JsonObject? Config { get; init; }

    public string Mode { get; init; } = "";

    public TransparentProxyConfig TransparentProxy { get; init; } = new();

    public MeshGatewayConfig MeshGateway { get; init; } = new();

    public ExposeConfig Expose { get; init; } = new();

    /// <summary>
    /// The lower-cased <c>protocol</c> from <see cref="Config"/> (key matched case-insensitively, as Consul's weak
    /// decode does), or empty when there is none.
    /// </summary>
    public string Protocol
    {
        get
        {
            if (Config is null)
            {
                return "";
            }

            foreach (var (key, value) in Config)
            {
                if (string.Equals(key, "protocol", StringComparison.OrdinalIgnoreCase) && value is JsonValue v)
                {
                    return v.TryGetValue<string>(out var s) ? s.ToLowerInvariant() : v.ToJsonString().ToLowerInvariant();
                }
            }

            return "";
        }
    }
}
