using System.Net;
using System.Text.Json.Nodes;
using Parley.Core.Dns;
using Parley.Core.Go;
using Parley.Dns;

namespace Parley.Agent.Configuration;

public static partial class ConfigLoader
{
    /// <summary>
    /// <c>dns_config { ... }</c>: the keys the DNS interface honours; Consul's caching and stale-read keys are accepted
    /// with a warning (answers always come from the local snapshot, which is never stale beyond replication).
    /// </summary>
    private static DnsOptions DnsConfig(DnsOptions dns, JsonObject block, string path, List<string> warnings)
    {
        foreach (var (key, value) in block)
        {
            var name = "dns_config." + key;
            dns = key switch
            {
                "node_ttl" => dns with { NodeTtl = Duration(value, name, path) },
                "service_ttl" => dns with
                {
                    ServiceTtl =
                        new DnsServiceTtl(Block(value, name, path)
                        .ToDictionary(p => p.Key, p => Duration(p.Value, name + "." + p.Key, path), StringComparer.Ordinal)),
                },
                "udp_answer_limit" => dns with { UdpAnswerLimit = PositiveInt(value, name, path) },
                "a_record_limit" => dns with { ARecordLimit = NonNegativeInt(value, name, path) },
                "enable_truncate" => dns with { EnableTruncate = Bool(value, name, path) },
                "only_passing" => dns with { OnlyPassing = Bool(value, name, path) },
                "enable_additional_node_meta_txt" => dns with { NodeMetaTxt = Bool(value, name, path) },
                "recursor_timeout" => dns with { RecursorTimeout = PositiveDuration(value, name, path) },
                "soa" => dns with { Soa = Soa(dns.Soa, Block(value, name, path), path) },
                "allow_stale" or "max_stale" or "use_cache" or "cache_max_age" or "disable_compression" or "recursor_strategy"
                    or "prefer_namespace"
                    => Warned(dns, warnings, path, name),
                _ => throw new ConfigException($"{path}: invalid config key \"{name}\""),
            };
        }

        return dns;
    }

    private static DnsSoaOptions Soa(DnsSoaOptions soa, JsonObject block, string path)
    {
        foreach (var (key, value) in block)
        {
            var name = "dns_config.soa." + key;
            soa = key switch
            {
                "expire" => soa with { Expire = NonNegativeInt(value, name, path) },
                "min_ttl" => soa with { MinTtl = NonNegativeInt(value, name, path) },
                "refresh" => soa with { Refresh = NonNegativeInt(value, name, path) },
                "retry" => soa with { Retry = NonNegativeInt(value, name, path) },
                _ => throw new ConfigException($"{path}: invalid config key \"{name}\""),
            };
        }

        return soa;
    }

    private static DnsOptions Warned(DnsOptions dns, List<string> warnings, string path, string key)
    {
        warnings.Add($"{path}: config key \"{key}\" is accepted but not used by Parley yet");
        return dns;
    }

    // alt_domain: a DNS name, kept fully qualified and lower case as the server compares it.
    private static string DnsDomain(JsonNode? value, string key, string path)
    {
        var domain = String(value, key, path).Trim('.').ToLowerInvariant();
        return domain.Length > 0 && domain.Split('.').All(l => l.Length is > 0 and <= 63)
            ? domain + "."
            : throw new ConfigException($"{path}: \"{key}\" must be a DNS name such as \"consul\", not \"{domain}\"");
    }

    // recursors: "ip" or "ip:port" (53 when left out), as Consul's recursorAddr reads them.
    private static IReadOnlyList<IPEndPoint> Recursors(JsonNode? value, string path) =>
        [.. Strings(value, "recursors", path).Select(r =>
            IPAddress.TryParse(r, out var ip) ? new IPEndPoint(ip, 53)
            : IPEndPoint.TryParse(r, out var endpoint) ? endpoint
            : throw new ConfigException(
                $"{path}: \"recursors\": invalid recursor address \"{r}\" (an IP address, optionally with :port)"))];

    private static int NonNegativeInt(JsonNode? value, string key, string path)
    {
        var i = Int(value, key, path);
        return i >= 0 ? i : throw new ConfigException($"{path}: \"{key}\" must not be negative");
    }

    /// <summary>A Go duration string (<c>"10s"</c>) of zero or more.</summary>
    private static TimeSpan Duration(JsonNode? value, string key, string path)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            throw new ConfigException($"{path}: \"{key}\" must be a duration string such as \"10s\"");
        }

        return !GoDuration.TryParse(text, out var duration, out var error) ? throw new ConfigException($"{path}: \"{key}\": {error}")
            : duration >= TimeSpan.Zero ? duration
            : throw new ConfigException($"{path}: \"{key}\" must not be negative");
    }
}
