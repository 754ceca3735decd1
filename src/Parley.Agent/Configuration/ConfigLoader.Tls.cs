using System.Text.Json.Nodes;

namespace Parley.Agent.Configuration;

public static partial class ConfigLoader
{
    private static readonly string[] TlsSections = ["defaults", "https", "grpc", "internal_rpc"];

    /// <summary><c>tls { defaults, https, grpc, internal_rpc }</c>, each with Consul's keys; other keys are refused.</summary>
    private static AgentConfig ApplyTls(
        AgentConfig c, JsonObject tls, string path, List<string> warnings, Dictionary<string, string> sources)
    {
        var config = c.Tls;
        foreach (var (key, value) in tls)
        {
            if (!TlsSections.Contains(key))
            {
                throw new ConfigException($"{path}: invalid config key \"tls.{key}\"");
            }

            var section = key switch
            {
                "defaults" => config.Defaults,
                "https" => config.Https,
                "grpc" => config.Grpc,
                _ => config.InternalRpc,
            };
            foreach (var (name, v) in Block(value, "tls." + key, path))
            {
                section = TlsKey(section, $"tls.{key}", name, v, path, warnings, sources)
                    ?? throw new ConfigException($"{path}: invalid config key \"tls.{key}.{name}\"");
            }

            config = key switch
            {
                "defaults" => config with { Defaults = section },
                "https" => config with { Https = section },
                "grpc" => config with { Grpc = section },
                _ => config with { InternalRpc = section },
            };
        }

        return c with { Tls = config };
    }

    /// <summary>
    /// Consul's deprecated top-level TLS keys: they fill what <c>tls</c> leaves unset (ca_file, ca_path, cert_file,
    /// key_file, verify_incoming, verify_outgoing, tls_min_version into defaults; verify_incoming_rpc and
    /// verify_server_hostname into internal_rpc; verify_incoming_https into https), with Consul's warning.
    /// </summary>
    private static AgentConfig? ApplyLegacyTls(
        AgentConfig c, string key, JsonNode? value, string path, List<string> warnings, Dictionary<string, string> sources)
    {
        var (target, name) = key switch
        {
            "ca_file" or "ca_path" or "cert_file" or "key_file" or "verify_incoming" or "verify_outgoing" or "tls_min_version" => (
                "defaults",
                key),
            "verify_incoming_rpc" => ("internal_rpc", "verify_incoming"),
            "verify_server_hostname" => ("internal_rpc", "verify_server_hostname"),
            "verify_incoming_https" => ("https", "verify_incoming"),
            _ => ("", ""),
        };
        if (target.Length == 0)
        {
            return null;
        }

        warnings.Add($"{path}: The '{key}' field is deprecated. Use the 'tls.{target}.{name}' field instead.");
        var tls = c.Tls;
        var legacy = target switch { "defaults" => tls.LegacyDefaults, "https" => tls.LegacyHttps, _ => tls.LegacyInternalRpc };
        legacy = TlsKey(legacy, "tls." + target, name, value, path, warnings, sources, legacyName: key)!;
        return c with
        {
            Tls = target switch
            {
                "defaults" => tls with { LegacyDefaults = legacy },
                "https" => tls with { LegacyHttps = legacy },
                _ => tls with { LegacyInternalRpc = legacy },
            },
        };
    }

    private static TlsSection? TlsKey(
        TlsSection section, string prefix, string key, JsonNode? value, string path, List<string> warnings,
            Dictionary<string, string> sources,
        string? legacyName = null)
    {
        var name = legacyName ?? prefix + "." + key;
        TlsSection? applied = key switch
        {
            "ca_file" => section with { CaFile = String(value, name, path) },
            "ca_path" => section with { CaPath = String(value, name, path) },
            "cert_file" => section with { CertFile = String(value, name, path) },
            "key_file" => section with { KeyFile = String(value, name, path) },
            "verify_incoming" => section with { VerifyIncoming = Bool(value, name, path) },
            "verify_outgoing" when prefix != "tls.grpc" => section with { VerifyOutgoing = Bool(value, name, path) },
            "verify_server_hostname" when prefix is "tls.internal_rpc" or "tls.defaults"
                => section with { VerifyServerHostname = Bool(value, name, path) },
            "tls_min_version" => section with { TlsMinVersion = String(value, name, path) },
            "tls_cipher_suites" or "use_auto_cert" => WarnTls(section, warnings, path, name),
            _ => null,
        };
        if (applied is not null && (legacyName is null || !sources.ContainsKey(prefix + "." + key)))
        {
            sources[prefix + "." + key] = legacyName is null ? path : $"{path} as {legacyName}";
        }

        return applied;
    }

    private static TlsSection WarnTls(TlsSection section, List<string> warnings, string path, string key)
    {
        warnings.Add($"{path}: config key \"{key}\" is accepted but not used by Parley yet");
        return section;
    }

    /// <summary>
    /// Loads the files of each TLS section in use, adding every problem (naming key and file) to <paramref name="problems"/>.
    /// </summary>
    private static void ValidateTls(AgentConfig c, IReadOnlyDictionary<string, string> sources, List<string> problems)
    {
        foreach (var (name, section, needed) in new[]
        {
            ("tls.internal_rpc", c.Tls.EffectiveInternalRpc, true),
            ("tls.https", c.Tls.EffectiveHttps, c.Ports.Https > 0),
            ("tls.grpc", c.Tls.EffectiveGrpc, c.Ports.GrpcTls > 0),
        })
        {
            if (!needed)
            {
                continue;
            }

            try
            {
                using var material = TlsMaterial.Load(section, name, TlsSource(sources, name));
                if (name == "tls.https" && material.Certificate is null)
                {
                    problems.Add(
                        $"ports.https is {c.Ports.Https} but tls.https has no cert_file and key_file (set them in tls.defaults or " +
                        $"tls.https)");
                }

                if (name == "tls.internal_rpc" && material.VerifyIncoming && material.Certificate is null)
                {
                    problems.Add(
                        "tls.internal_rpc.verify_incoming is set but this server has no cert_file and key_file to present to other " +
                        "servers");
                }
            }
            catch (ConfigException e)
            {
                problems.Add(e.Message);
            }
        }
    }

    /// <summary>Where a key of a TLS section was set: the section itself, else tls.defaults, else the default.</summary>
    internal static Func<string, string> TlsSource(IReadOnlyDictionary<string, string> sources, string section) => key =>
        sources.TryGetValue(section + "." + key, out var file) || sources.TryGetValue("tls.defaults." + key, out file)
            ? "set in " + file
            : "the default";
}
