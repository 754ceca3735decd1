using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Go;

namespace Parley.Agent.Configuration;

public static partial class ConfigLoader
{
    /// <summary>Consul agent keys Parley accepts but does not act on yet (one warning each).</summary>
    private static readonly HashSet<string> KnownUnused =
    [
        "advertise_addr_wan", "advertise_addr_ipv4", "advertise_addr_wan_ipv4", "audit", "auto_config", "auto_encrypt",
        "auto_reload_config", "autopilot", "check", "checks", "check_output_max_size",
        "check_update_interval", "client_addr_ipv4", "config_entries", "disable_anonymous_signature", "disable_host_node_id",
        "disable_keyring_file", "disable_remote_exec", "disable_update_check", "discard_check_output",
        "enable_agent_tls_for_checks", "enable_central_service_config", "enable_debug", "enable_local_script_checks",
        "enable_script_checks", "enable_syslog", "encrypt", "encrypt_verify_incoming", "encrypt_verify_outgoing", "http_config",
        "leave_on_terminate", "license_path", "limits", "log_file", "log_json", "log_rotate_bytes", "log_rotate_duration",
        "log_rotate_max_files", "partition", "performance", "pid_file", "primary_datacenter", "primary_gateways", "raft_protocol",
        "raft_snapshot_threshold", "raft_snapshot_interval", "raft_trailing_logs", "read_replica", "reconnect_timeout",
        "reconnect_timeout_wan", "rejoin_after_leave", "retry_interval", "retry_interval_wan", "retry_join_wan",
        "retry_max", "retry_max_wan", "segment", "segments", "serf_lan", "serf_wan", "server_name",
        "session_ttl_min", "skip_leave_on_interrupt", "start_join", "start_join_wan", "syslog_facility",
        "translate_wan_addrs", "unix_sockets",
        "watches", "xds", "locality", "cloud", "experiments", "reporting", "rpc", "default_query_time",
        "max_query_time", "use_streaming_backend", "advertise_reconnect_timeout", "node_id_source",
        "advertise_addr_ipv6", "advertise_addr_wan_ipv6", "cache", "disable_coordinates", "disable_http_unprintable_char_filter",
        "discovery_max_stale", "gossip_lan", "gossip_wan", "log_sublevels", "primary_gateways_interval", "protocol",
        "serf_lan_allowed_cidrs", "serf_wan_allowed_cidrs", "tagged_addresses", "ui_content_path", "ui_dir", "raft_logstore",
        "snapshot_agent", "acl_agent_master_token", "acl_agent_token", "acl_token", "acl_datacenter",

        // Consul's non-user keys, which its own test tooling and packaged configs write (version, revision, ...).
        "ae_interval", "check_deregister_interval_min", "check_reap_interval", "consul", "revision", "segment_limit",
        "segment_name_limit", "sync_coordinate_interval_min", "sync_coordinate_rate_target", "version", "version_prerelease",
        "version_metadata", "build_date", "license_poll_base_time", "license_poll_max_time", "license_update_base_time",
        "license_update_max_time",
    ];

    private static AgentConfig Apply(AgentConfig c, JsonObject file, string path, List<string> warnings, Dictionary<string, string> sources)
    {
        foreach (var (key, value) in file)
        {
            c = key switch
            {
                "datacenter" => c with { Datacenter = String(value, key, path) },
                "node_name" => c with { NodeName = String(value, key, path) },
                "node_id" => c with { NodeId = String(value, key, path) },
                "data_dir" => c with { DataDir = String(value, key, path) },
                "server" => c with { Server = Bool(value, key, path) },
                "bootstrap" => c with { Bootstrap = Bool(value, key, path) },
                "bootstrap_expect" => c with { BootstrapExpect = Int(value, key, path) },
                "bind_addr" => c with { BindAddr = String(value, key, path) },
                "client_addr" => c with { ClientAddr = String(value, key, path) },
                "advertise_addr" => c with { AdvertiseAddr = String(value, key, path) },
                "log_level" => c with { LogLevel = String(value, key, path) },
                "retry_join" => c with { RetryJoin = Strings(value, key, path) },
                "node_meta" => c with { NodeMeta = StringMap(value, key, path) },
                "service" or "services" => c with { Services = [.. c.Services, .. ServiceDefinitions(value, key, path)] },
                "ports" => ApplyPorts(c, Block(value, key, path), path),
                "addresses" => ApplyAddresses(c, Block(value, key, path), path),
                "connect" => ApplyConnect(c, Block(value, key, path), path, warnings),
                "peering" => ApplyPeering(c, Block(value, key, path), path, sources),
                "ui_config"
                    => ApplyBlock(c, Block(value, key, path), "ui_config", path, (cc, k, v) => k == "enabled"
                    ? cc with { UiEnabled = Bool(v, "ui_config.enabled", path) }
                    : null),
                "ui" => c with { UiEnabled = Bool(value, key, path) },
                "default_intention_policy" => c with { DefaultIntentionPolicy = Policy(value, key, path) },
                "acl" => ApplyAcl(c, Block(value, key, path), path, warnings),
                "tls" => ApplyTls(c, Block(value, key, path), path, warnings, sources),
                "domain" => c with { Domain = String(value, key, path).Trim('.') },
                "alt_domain" => c with { Dns = c.Dns with { AltDomain = DnsDomain(value, key, path) } },
                "recursors" => c with { Dns = c.Dns with { Recursors = Recursors(value, path) } },
                "dns_config" => c with { Dns = DnsConfig(c.Dns, Block(value, key, path), path, warnings) },
                "telemetry" => c with { Telemetry = Telemetry(c.Telemetry, Block(value, key, path), path, warnings) },
                _ when ApplyLegacyTls(c, key, value, path, warnings, sources) is { } legacy => legacy,
                _ when KnownUnused.Contains(key) => Warn(c, warnings, path, key),
                _ => throw new ConfigException($"{path}: invalid config key \"{key}\""),
            };
        }

        return c;
    }

    /// <summary>
    /// <c>acl { enabled, default_policy, down_policy, enable_token_persistence, tokens { ... } }</c>; Consul's other ACL
    /// keys (replication and cache TTLs) are accepted with a warning.
    /// </summary>
    private static AgentConfig ApplyAcl(AgentConfig c, JsonObject acl, string path, List<string> warnings) =>
        ApplyBlock(c, acl, "acl", path, (cc, key, value) => key switch
        {
            "enabled" => cc with { AclsEnabled = Bool(value, "acl.enabled", path) },
            "default_policy" => cc with { AclDefaultPolicy = Policy(value, "acl.default_policy", path) },
            "down_policy" => cc with { AclDownPolicy = DownPolicy(value, path) },
            "enable_token_persistence" => cc with { AclEnableTokenPersistence = Bool(value, "acl.enable_token_persistence", path) },
            "tokens" => cc with { AclTokens = AclTokens(cc.AclTokens, Block(value, "acl.tokens", path), path, warnings) },
            "enable_token_replication" or "policy_ttl" or "role_ttl" or "token_ttl" or "enable_key_list_policy" or "msp_disable_bootstrap"
                => Warn(cc, warnings, path, "acl." + key),
            _ => null,
        });

    private static string DownPolicy(JsonNode? value, string path)
    {
        var policy = String(value, "acl.down_policy", path);
        return policy is "allow" or "deny" or "extend-cache" or "async-cache"
            ? policy
            : throw new ConfigException(
                $"{path}: \"acl.down_policy\" must be \"allow\", \"deny\", \"extend-cache\" or \"async-cache\", not \"{policy}\"");
    }

    /// <summary>
    /// <c>acl.tokens</c>, with Consul's legacy names <c>master</c> (initial_management) and <c>agent_master</c> (agent_recovery).
    /// </summary>
    private static AclTokensConfig AclTokens(AclTokensConfig tokens, JsonObject block, string path, List<string> warnings)
    {
        foreach (var (key, value) in block)
        {
            var name = "acl.tokens." + key;
            tokens = key switch
            {
                "initial_management" or "master" => tokens with { InitialManagement = String(value, name, path) },
                "agent" => tokens with { Agent = String(value, name, path) },
                "default" => tokens with { Default = String(value, name, path) },
                "agent_recovery" or "agent_master" => tokens with { AgentRecovery = String(value, name, path) },
                "dns" => tokens with { Dns = String(value, name, path) },
                "replication" or "config_file_service_registration" => WarnTokens(tokens, warnings, path, name),
                _ => throw new ConfigException($"{path}: invalid config key \"{name}\""),
            };
        }

        return tokens;
    }

    private static AclTokensConfig WarnTokens(AclTokensConfig tokens, List<string> warnings, string path, string key)
    {
        warnings.Add($"{path}: config key \"{key}\" is accepted but not used by Parley yet");
        return tokens;
    }

    private static string Policy(JsonNode? value, string key, string path)
    {
        var policy = String(value, key, path);
        return Core.Intentions.IntentionDefaults.IsValid(policy)
            ? policy
            : throw new ConfigException($"{path}: \"{key}\" must be \"allow\" or \"deny\", not \"{policy}\"");
    }

    private static AgentConfig ApplyPorts(AgentConfig c, JsonObject ports, string path)
    {
        var p = c.Ports;
        foreach (var (key, value) in ports)
        {
            var port = Int(value, "ports." + key, path);
            p = key switch
            {
                "http" => p with { Http = port },
                "https" => p with { Https = port },
                "grpc" => p with { Grpc = port },
                "grpc_tls" => p with { GrpcTls = port },
                "server" => p with { Server = port },
                "serf_lan" => p with { SerfLan = port },
                "serf_wan" => p with { SerfWan = port },
                "dns" => p with { Dns = port },
                "sidecar_min_port" => p with { SidecarMin = port },
                "sidecar_max_port" => p with { SidecarMax = port },
                "expose_min_port" or "expose_max_port" => p,
                _ => throw new ConfigException($"{path}: invalid config key \"ports.{key}\""),
            };
        }

        return c with { Ports = p };
    }

    private static AgentConfig ApplyAddresses(AgentConfig c, JsonObject addresses, string path) =>
        ApplyBlock(c, addresses, "addresses", path, (cc, key, value) => key switch
        {
            // One client address serves every client listener today; a per-listener address is accepted as that.
            "http" or "grpc" or "grpc_tls" or "dns" => cc with { ClientAddr = String(value, "addresses." + key, path) },
            "https" => cc,
            _ => null,
        });

    private static AgentConfig ApplyConnect(AgentConfig c, JsonObject connect, string path, List<string> warnings) =>
        ApplyBlock(c, connect, "connect", path, (cc, key, value) => key switch
        {
            "enabled" => cc with { ConnectEnabled = Bool(value, "connect.enabled", path) },
            "ca_config" => ApplyCaConfig(cc, Block(value, "connect.ca_config", path), path, warnings),
            "ca_provider" or "enable_mesh_gateway_wan_federation" or "enable_serverless_plugin" => Warn(
                cc,
                warnings,
                path,
                "connect." + key),
            _ => null,
        });

    /// <summary>
    /// Consul's snake_case <c>ca_config</c> keys of the built-in provider and the names its API uses (<c>agent/config/builder.go</c>).
    /// </summary>
    private static readonly Dictionary<string, string> CaConfigKeys = new(StringComparer.Ordinal)
    {
        ["leaf_cert_ttl"] = "LeafCertTTL",
        ["intermediate_cert_ttl"] = "IntermediateCertTTL",
        ["root_cert_ttl"] = "RootCertTTL",
        ["private_key_type"] = "PrivateKeyType",
        ["private_key_bits"] = "PrivateKeyBits",
        ["csr_max_per_second"] = "CSRMaxPerSecond",
        ["csr_max_concurrent"] = "CSRMaxConcurrent",
        ["private_key"] = "PrivateKey",
        ["root_cert"] = "RootCert",
    };

    /// <summary>
    /// <c>connect { ca_config { ... } }</c>: <c>cluster_id</c>, and the built-in provider's keys (snake_case, or the API's
    /// CamelCase, which Consul also passes through), merged key by key over earlier files. Other providers' keys are
    /// accepted with a warning, as Parley has only the built-in provider.
    /// </summary>
    private static AgentConfig ApplyCaConfig(AgentConfig c, JsonObject block, string path, List<string> warnings)
    {
        var merged = (JsonObject)c.CaConfig.DeepClone();
        foreach (var (key, value) in block)
        {
            if (key == "cluster_id")
            {
                c = c with { ClusterId = String(value, "connect.ca_config.cluster_id", path) };
            }
            else if (CaConfigKeys.TryGetValue(key, out var camel) || CaConfigKeys.ContainsValue(key))
            {
                merged[camel ?? key] = value?.DeepClone();
            }
            else
            {
                warnings.Add(
                    $"{path}: config key \"connect.ca_config.{key}\" is accepted but not used by Parley (only the built-in \"consul\" CA " +
                    $"provider exists)");
            }
        }

        return c with { CaConfig = merged };
    }

    /// <summary>
    /// The <c>peering</c> block. Besides Consul's <c>enabled</c> it takes Parley additions (Consul fixes these
    /// values): <c>heartbeat_interval</c>, <c>heartbeat_timeout</c>, <c>token_ttl</c> (Go durations) and <c>deletion_batch_size</c>. The
    /// file each was set in is recorded in <paramref name="sources"/> so that <see cref="Validate"/> can name it.
    /// </summary>
    private static AgentConfig ApplyPeering(AgentConfig c, JsonObject peering, string path, Dictionary<string, string> sources) =>
        ApplyBlock(c, peering, "peering", path, (cc, key, value) =>
        {
            var name = "peering." + key;
            AgentConfig? applied = key switch
            {
                "enabled" => cc with { PeeringEnabled = Bool(value, name, path) },
                "heartbeat_interval" => cc with { PeeringHeartbeatInterval = PositiveDuration(value, name, path) },
                "heartbeat_timeout" => cc with { PeeringHeartbeatTimeout = PositiveDuration(value, name, path) },
                "deletion_batch_size" => cc with { PeeringDeletionBatchSize = PositiveInt(value, name, path) },
                "token_ttl" => cc with { PeeringTokenTtl = PositiveDuration(value, name, path) },
                _ => null,
            };
            if (applied is not null)
            {
                sources[name] = path;
            }

            return applied;
        });

    /// <summary>Applies a block's keys with <paramref name="apply"/>; a key it does not know (null) is an error.</summary>
    private static AgentConfig ApplyBlock(
        AgentConfig c, JsonObject block, string name, string path, Func<AgentConfig, string, JsonNode?, AgentConfig?> apply)
    {
        foreach (var (key, value) in block)
        {
            c = apply(c, key, value) ?? throw new ConfigException($"{path}: invalid config key \"{name}.{key}\"");
        }

        return c;
    }

    private static AgentConfig Warn(AgentConfig c, List<string> warnings, string path, string key)
    {
        warnings.Add($"{path}: config key \"{key}\" is accepted but not used by Parley yet");
        return c;
    }

    private static JsonObject Block(JsonNode? value, string key, string path) => value switch
    {
        JsonObject o => o,
        // HCL's repeated-block form: a one-element list of objects.
        JsonArray { Count: 1 } a when a[0] is JsonObject o => o,
        _ => throw new ConfigException($"{path}: \"{key}\" must be a block (object)"),
    };

    private static string String(JsonNode? value, string key, string path) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new ConfigException($"{path}: \"{key}\" must be a string");

    private static bool Bool(JsonNode? value, string key, string path) => value switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var b) => b,
        _ => throw new ConfigException($"{path}: \"{key}\" must be true or false"),
    };

    private static int Int(JsonNode? value, string key, string path) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && d == Math.Floor(d)
            && Math.Abs(d) < int.MaxValue => (int)d,
        JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
            => i,
        _ => throw new ConfigException($"{path}: \"{key}\" must be a whole number"),
    };

    private static int PositiveInt(JsonNode? value, string key, string path)
    {
        var i = Int(value, key, path);
        return i > 0 ? i : throw new ConfigException(
            $"{path}: \"{key}\" must be greater than zero, not {i.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>A Go duration string (<c>"15s"</c>, <c>"500ms"</c>, <c>"2m"</c>) greater than zero.</summary>
    private static TimeSpan PositiveDuration(JsonNode? value, string key, string path)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            throw new ConfigException($"{path}: \"{key}\" must be a duration string such as \"15s\"");
        }

        if (!GoDuration.TryParse(text, out var duration, out var error))
        {
            throw new ConfigException($"{path}: \"{key}\": {error}");
        }

        return duration > TimeSpan.Zero
            ? duration
            : throw new ConfigException($"{path}: \"{key}\" must be greater than zero, not \"{text}\"");
    }

    private static IReadOnlyList<string> Strings(JsonNode? value, string key, string path) => value switch
    {
        JsonArray a => [.. a.Select(n => String(n, key, path))],
        JsonValue => [String(value, key, path)],
        _ => throw new ConfigException($"{path}: \"{key}\" must be a list of strings"),
    };

    private static Dictionary<string, string> StringMap(JsonNode? value, string key, string path) =>
        Block(value, key, path).ToDictionary(p => p.Key, p => String(p.Value, key + "." + p.Key, path), StringComparer.Ordinal);
}
