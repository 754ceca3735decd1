using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Proxy.Config;

/// <summary>
/// Reads the opaque <c>Config</c> maps of proxies and upstreams as Consul's <c>ParseProxyConfig</c> and
/// <c>ParseUpstreamConfig</c> do: keys case-insensitive, numbers given as numbers or strings.
/// </summary>
internal static class ProxyConfigValues
{
    /// <summary>The lower-cased <c>protocol</c>, or <paramref name="fallback"/>.</summary>
    public static string Protocol(JsonObject? config, string fallback = "tcp") =>
        String(config, "protocol") is { Length: > 0 } protocol ? protocol.ToLowerInvariant() : fallback;

    /// <summary>A duration given in milliseconds under <paramref name="key"/> (e.g. <c>connect_timeout_ms</c>), or null.</summary>
    public static TimeSpan? Milliseconds(JsonObject? config, string key) =>
        Number(config, key) is { } ms && ms > 0 ? TimeSpan.FromMilliseconds(ms) : null;

    private static string? String(JsonObject? config, string key) =>
        Find(config, key) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static double? Number(JsonObject? config, string key) => Find(config, key) switch
    {
        // A node built in code holds an int or a long; one parsed from JSON holds a JsonElement: the text reads both.
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => double.Parse(
            v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() == JsonValueKind.String &&
            double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static JsonNode? Find(JsonObject? config, string key)
    {
        if (config is null)
        {
            return null;
        }

        foreach (var (name, value) in config)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
