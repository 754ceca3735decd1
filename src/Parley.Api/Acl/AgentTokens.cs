using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Api.Acl;

/// <summary>
/// The agent's ACL tokens as they are now: started from <c>acl { tokens { ... } }</c> and replaced by
/// <c>PUT /v1/agent/token/:kind</c>. With <c>acl.enable_token_persistence</c> (<see cref="AclOptions.TokenPersistenceFile"/>)
/// the tokens set through the API are written to <c>acl-tokens.json</c> before they take effect and, as in Consul, win
/// over the configured ones when the agent starts again; without it they last until the agent stops.
/// </summary>
/// <remarks>Thread-safe: each token is one reference, read and replaced whole; sets are serialised.</remarks>
public sealed class AgentTokens
{
    // Consul's persisted-token names, in its order; "agent_master" is read as agent_recovery, as Consul reads old files.
    private static readonly string[] Kinds =
        ["replication", "agent_recovery", "default", "agent", "config_file_service_registration", "dns"];

    private readonly string? _file;
    private readonly Lock _setLock = new();
    private readonly Dictionary<string, string> _fromApi = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _current = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts with the configured tokens of <paramref name="options"/>, then the persisted ones when persistence is on.
    /// </summary>
    /// <exception cref="InvalidOperationException">The persisted file exists but cannot be read as Consul's format.</exception>
    public AgentTokens(AclOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var kind in Kinds)
        {
            _current[kind] = "";
        }

        _current["default"] = options.DefaultToken;
        _current["dns"] = options.DnsToken;
        _current["agent"] = options.AgentToken;
        _current["agent_recovery"] = options.AgentRecoveryToken;
        _file = options.TokenPersistenceFile;
        foreach (var (kind, token) in Load(_file))
        {
            _fromApi[kind] = token;
            _current[kind] = token;
        }
    }

    /// <summary><c>default</c>: the SecretID used for requests that carry no token; empty means the anonymous token.</summary>
    public string Default => Get("default");

    /// <summary><c>agent</c>: the token the agent uses for its own operations.</summary>
    public string Agent => Get("agent");

    /// <summary><c>agent_recovery</c>: a token the local agent accepts for its own endpoints.</summary>
    public string AgentRecovery => Get("agent_recovery");

    /// <summary><c>replication</c>: used by secondary datacenters (none here); kept for Consul's clients.</summary>
    public string Replication => Get("replication");

    /// <summary><c>config_file_service_registration</c>: used for services from config files.</summary>
    public string ConfigFileServiceRegistration => Get("config_file_service_registration");

    /// <summary><c>dns</c>: what DNS lookups are answered as; empty means the default token (Consul's fallback).</summary>
    public string Dns => Get("dns");

    /// <summary>
    /// Sets the token of <paramref name="kind"/> (Consul's names and their legacy <c>acl_*</c> spellings); false for a
    /// kind Consul does not have. With persistence on, the file is replaced first: when that fails nothing changes.
    /// </summary>
    /// <exception cref="IOException">Persistence is on and the file could not be written.</exception>
    public bool TrySet(string kind, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (Canonical(kind) is not { } name)
        {
            return false;
        }

        lock (_setLock)
        {
            if (_file is not null)
            {
                var next = new Dictionary<string, string>(_fromApi, StringComparer.Ordinal) { [name] = token };
                Save(_file, next);
            }

            _fromApi[name] = token;
            lock (_current)
            {
                _current[name] = token;
            }
        }

        return true;
    }

    private string Get(string kind)
    {
        lock (_current)
        {
            return _current[kind];
        }
    }

    private static string? Canonical(string kind) => kind switch
    {
        "default" or "acl_token" => "default",
        "agent" or "acl_agent_token" => "agent",
        "agent_recovery" or "agent_master" or "acl_agent_master_token" => "agent_recovery",
        "replication" or "acl_replication_token" => "replication",
        "config_file_service_registration" => "config_file_service_registration",
        "dns" or "dns_token" => "dns",
        _ => null,
    };

    private static Dictionary<string, string> Load(string? file)
    {
        if (file is null || !File.Exists(file))
        {
            return new(StringComparer.Ordinal);
        }

        try
        {
            var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
            var root = JsonNode.Parse(File.ReadAllText(file))?.AsObject() ?? [];
            foreach (var (key, value) in root)
            {
                var kind = key == "agent_master" ? "agent_recovery" : key;
                if (Array.IndexOf(Kinds, kind) >= 0 && value?.GetValue<string>() is { Length: > 0 } token)
                {
                    tokens[kind] = token;
                }
            }

            return tokens;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException($"Failed to load persisted tokens from {file}: {e.Message}", e);
        }
    }

    // Consul writes the file atomically with mode 0600; so does this (a temporary file renamed over the old one).
    private static void Save(string file, Dictionary<string, string> tokens)
    {
        var json = new JsonObject();
        foreach (var kind in Kinds)
        {
            if (tokens.TryGetValue(kind, out var token) && token.Length > 0)
            {
                json[kind] = token;
            }
        }

        var temporary = file + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(json));
        }

        File.Move(temporary, file, overwrite: true);
    }
}
