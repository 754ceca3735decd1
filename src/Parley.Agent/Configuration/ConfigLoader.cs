using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core;
using Parley.Core.Go;
using Parley.Hcl;
using Parley.Mesh.Ca;

namespace Parley.Agent.Configuration;

/// <summary>
/// Builds the <see cref="AgentConfig"/>: defaults, then each config file in order (JSON or HCL, Consul's
/// agent keys), then the command-line flags, which win. A key Consul does not know is an error naming the
/// key and the file; a Consul key Parley does not use yet is accepted with one warning.
/// </summary>
public static partial class ConfigLoader
{
    /// <summary>Loads the configuration; warnings are returned for the caller to log once the logger exists.</summary>
    /// <exception cref="ConfigException">A file is unreadable or malformed, or holds an unknown key or bad value.</exception>
    public static (AgentConfig Config, IReadOnlyList<string> Warnings) Load(AgentFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var config = new AgentConfig();
        if (flags.Dev)
        {
            config = config with { Dev = true, Server = true, Bootstrap = true, BootstrapExpect = 1, NodeName = Environment.MachineName };
        }

        var warnings = new List<string>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in ConfigFiles(flags))
        {
            config = Apply(config, Parse(file), file, warnings, sources);
        }

        config = ApplyFlags(config, flags);
        Validate(config, sources);
        return (config, warnings);
    }

    /// <summary>The files to read: each <c>-config-file</c>, then each <c>-config-dir</c>'s .json and .hcl files in name order.</summary>
    private static IEnumerable<string> ConfigFiles(AgentFlags flags)
    {
        foreach (var file in flags.ConfigFiles)
        {
            yield return file;
        }

        foreach (var dir in flags.ConfigDirs)
        {
            if (!Directory.Exists(dir))
            {
                throw new ConfigException($"config dir \"{dir}\" does not exist");
            }

            foreach (var file in Directory.GetFiles(dir)
                .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".hcl", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal))
            {
                yield return file;
            }
        }
    }

    /// <summary>Reads one file as JSON (<c>.json</c>) or HCL (anything else).</summary>
    internal static JsonObject Parse(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"failed to read config file \"{file}\": {e.Message}");
        }

        try
        {
            if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                // A repeated key is refused at parse time, as the HCL parser does; otherwise JsonObject throws a bare
                // ArgumentException later, when the key is first read, and the agent dies with a stack trace.
                var options = new JsonDocumentOptions
                {
                    CommentHandling = JsonCommentHandling.Skip,
                    AllowTrailingCommas = true,
                    AllowDuplicateProperties = false,
                };
                return JsonNode.Parse(text, documentOptions: options) as JsonObject
                    ?? throw new ConfigException($"failed to parse {file}: the top level must be an object");
            }

            return HclParser.Parse(text, file);
        }
        catch (JsonException e)
        {
            throw new ConfigException($"failed to parse {file}: {e.Message}");
        }
        catch (HclException e)
        {
            throw new ConfigException($"failed to parse {file}: {e.Message}");
        }
    }

    private static AgentConfig ApplyFlags(AgentConfig c, AgentFlags f) => c with
    {
        Server = f.Server ?? c.Server,
        Bootstrap = f.Bootstrap ?? c.Bootstrap,
        BootstrapExpect = f.BootstrapExpect ?? c.BootstrapExpect,
        DataDir = f.DataDir ?? c.DataDir,
        Datacenter = f.Datacenter ?? c.Datacenter,
        NodeName = f.NodeName ?? c.NodeName,
        BindAddr = f.BindAddr ?? c.BindAddr,
        ClientAddr = f.ClientAddr ?? c.ClientAddr,
        LogLevel = f.LogLevel ?? c.LogLevel,
        RetryJoin = f.RetryJoin.Count > 0 ? f.RetryJoin : c.RetryJoin,
        Ports = c.Ports with
        {
            Http = f.HttpPort ?? c.Ports.Http,
            Https = f.HttpsPort ?? c.Ports.Https,
            Grpc = f.GrpcPort ?? c.Ports.Grpc,
            GrpcTls = f.GrpcTlsPort ?? c.Ports.GrpcTls,
            Server = f.ServerPort ?? c.Ports.Server,
            Dns = f.DnsPort ?? c.Ports.Dns,
        },
    };

    /// <summary>Reports every problem at once; <paramref name="sources"/> maps a key to the file that set it last.</summary>
    private static void Validate(AgentConfig c, IReadOnlyDictionary<string, string> sources)
    {
        var problems = new List<string>();
        if (!c.Dev && string.IsNullOrEmpty(c.DataDir))
        {
            problems.Add("data_dir cannot be empty (use -data-dir, or -dev for a throwaway agent)");
        }

        if (!c.Dev && !c.Server)
        {
            problems.Add("client agents are not supported yet: run with -server (or -dev)");
        }

        if (c.Server && !c.Bootstrap && c.BootstrapExpect == 0 && c.RetryJoin.Count == 0)
        {
            problems.Add("a server needs -bootstrap-expect (or -bootstrap, or -retry-join to join others)");
        }

        if (c.BootstrapExpect < 0)
        {
            problems.Add("bootstrap_expect cannot be negative");
        }

        // Servers find each other only through retry_join (there is no gossip layer or `parley join`).
        if (c.BootstrapExpect > 1 && c.RetryJoin.Count == 0)
        {
            problems.Add($"bootstrap_expect = {c.BootstrapExpect} needs retry_join (-retry-join) with the other servers' addresses");
        }

        if (!LogLevels.Contains(c.LogLevel.ToLowerInvariant()))
        {
            problems.Add($"invalid log level \"{c.LogLevel}\": use trace, debug, info, warn or error");
        }

        var ports = new[]
        {
            ("http", c.Ports.Http), ("https", c.Ports.Https), ("grpc", c.Ports.Grpc), ("grpc_tls", c.Ports.GrpcTls),
            ("server", c.Ports.Server), ("serf_lan", c.Ports.SerfLan), ("serf_wan", c.Ports.SerfWan), ("dns", c.Ports.Dns),
        };
        foreach (var (key, port) in ports)
        {
            // Checked here because an out-of-range port would otherwise surface as an unhandled exception from Kestrel or Raft.
            // Parley always serves its server port and an HTTP API: plain HTTP may be off only while HTTPS is on.
            var disabledAllowed = key switch { "server" => false, "http" => c.Ports.Https > 0, _ => true };
            if (port > 65535 || port < (disabledAllowed ? -1 : 0))
            {
                var range = key switch
                {
                    "server" => "",
                    "http" => ", or -1 to turn plain HTTP off when ports.https is on",
                    _ => ", or -1 to disable",
                };
                problems.Add($"ports.{key}: {port} is not a valid port (use 0-65535{range})");
            }
        }

        if (c.Ports.SidecarMin > c.Ports.SidecarMax)
        {
            problems.Add("sidecar_min_port must be less than sidecar_max_port. To disable, set both to zero.");
        }

        if (c.NodeId is { } id && !Guid.TryParse(id, out _))
        {
            problems.Add($"node_id \"{id}\" is not a valid UUID");
        }

        // A stream whose timeout is not longer than the heartbeat interval would time out between two heartbeats.
        if (c.PeeringHeartbeatTimeout <= c.PeeringHeartbeatInterval)
        {
            problems.Add(
                $"peering.heartbeat_timeout ({GoDuration.Format(c.PeeringHeartbeatTimeout)}," +
                    $" {Source(sources, "peering.heartbeat_timeout")}) " +
                $"must be greater than peering.heartbeat_interval ({GoDuration.Format(c.PeeringHeartbeatInterval)}," +
                    $" {Source(sources, "peering.heartbeat_interval")})");
        }

        if (c.CaConfig.Count > 0)
        {
            try
            {
                CaProviderConfig.Parse(CaConfiguration.Initial(c.CaConfig).Config);
            }
            catch (ParleyException e)
            {
                problems.Add($"connect.ca_config: {e.Message}");
            }
        }

        ValidateTls(c, sources, problems);
        if (problems.Count > 0)
        {
            throw new ConfigException(string.Join(Environment.NewLine, problems));
        }
    }

    private static string Source(IReadOnlyDictionary<string, string> sources, string key) =>
        sources.TryGetValue(key, out var file) ? "set in " + file : "the default";

    private static readonly HashSet<string> LogLevels = ["trace", "debug", "info", "warn", "warning", "err", "error"];
}
