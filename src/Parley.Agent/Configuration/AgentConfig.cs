namespace Parley.Agent.Configuration;

/// <summary>
/// The agent's effective configuration after defaults, config files (in order) and flags. Names follow
/// Consul's agent configuration keys.
/// </summary>
public sealed record AgentConfig
{
    /// <summary>Datacenter name. Defaults to <c>dc1</c>.</summary>
    public string Datacenter { get; init; } = "dc1";

    /// <summary>Node name. Defaults to the machine's host name.</summary>
    public string NodeName { get; init; } = Environment.MachineName;

    /// <summary>Node id (UUID). Generated once and kept in the data dir when not set.</summary>
    public string? NodeId { get; init; }

    /// <summary>Where the Raft log and snapshots live. Required unless <see cref="Dev"/>.</summary>
    public string? DataDir { get; init; }

    /// <summary>Development mode: one in-memory-like server whose log lives in a temporary folder.</summary>
    public bool Dev { get; init; }

    public bool Server { get; init; }
    public bool Bootstrap { get; init; }
    public int BootstrapExpect { get; init; }

    /// <summary>Address for cluster traffic (server port). Defaults to 127.0.0.1 in dev, else 0.0.0.0.</summary>
    public string BindAddr { get; init; } = "127.0.0.1";

    /// <summary>Address the HTTP, gRPC and DNS listeners bind. Defaults to 127.0.0.1.</summary>
    public string ClientAddr { get; init; } = "127.0.0.1";

    /// <summary>The address other agents and peers reach this one at. Defaults to the bind address (or 127.0.0.1).</summary>
    public string? AdvertiseAddr { get; init; }

    public AgentPorts Ports { get; init; } = new();

    /// <summary>
    /// <c>domain</c>: the DNS domain, also in server certificates' names (<c>server.&lt;dc&gt;.&lt;domain&gt;</c>). Defaults to
    /// <c>consul</c>.
    /// </summary>
    public string Domain { get; init; } = "consul";

    /// <summary>
    /// <c>alt_domain</c>, <c>recursors</c> and <c>dns_config { ... }</c> (Consul's defaults when absent). The domain, the
    /// datacenter and the listening endpoint are filled in from <see cref="Domain"/>, <see cref="Datacenter"/> and the
    /// DNS port when the agent starts.
    /// </summary>
    public Parley.Dns.DnsOptions Dns { get; init; } = new();

    /// <summary><c>telemetry { metrics_prefix, disable_hostname, prometheus_retention_time }</c> (Consul's defaults).</summary>
    public Parley.Api.Metrics.TelemetryOptions Telemetry { get; init; } = new();

    /// <summary>The <c>tls</c> block and the deprecated top-level TLS keys. Nothing set by default (no TLS anywhere).</summary>
    public TlsConfig Tls { get; init; } = new();

    /// <summary><c>trace</c>, <c>debug</c>, <c>info</c>, <c>warn</c> or <c>error</c>. Defaults to <c>info</c>.</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary><c>connect { enabled }</c>. Defaults to true.</summary>
    public bool ConnectEnabled { get; init; } = true;

    /// <summary><c>connect { ca_config { cluster_id } }</c>: the CA's cluster id; generated when absent.</summary>
    public string? ClusterId { get; init; }

    /// <summary>
    /// The other <c>connect { ca_config { ... } }</c> keys of the built-in provider, translated to Consul's CamelCase
    /// (<c>leaf_cert_ttl</c> to <c>LeafCertTTL</c>, ...); they seed the CA configuration when the cluster is created.
    /// Empty by default (Consul's defaults apply).
    /// </summary>
    public System.Text.Json.Nodes.JsonObject CaConfig { get; init; } = [];

    /// <summary><c>peering { enabled }</c>. Defaults to true.</summary>
    public bool PeeringEnabled { get; init; } = true;

    /// <summary>
    /// <c>peering { heartbeat_interval }</c> (a Parley addition; Consul has no such key): how often each end of a peer
    /// stream sends a heartbeat. Defaults to 15 seconds (Consul's fixed value).
    /// </summary>
    public TimeSpan PeeringHeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// <c>peering { heartbeat_timeout }</c> (a Parley addition): how long a peer stream lives without a heartbeat from
    /// the peer. Defaults to 2 minutes (Consul's fixed value); must be greater than the interval.
    /// </summary>
    public TimeSpan PeeringHeartbeatTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// <c>peering { token_ttl }</c> (a Parley addition): how long a peering token is accepted when generate-token names no
    /// expiry. Defaults to null: never, as Consul's tokens.
    /// </summary>
    public TimeSpan? PeeringTokenTtl { get; init; }

    /// <summary>
    /// <c>peering { deletion_batch_size }</c> (a Parley addition): the most imported nodes one Raft write deletes when
    /// a peering is deleted or terminated. Defaults to 256.
    /// </summary>
    public int PeeringDeletionBatchSize { get; init; } = 256;

    /// <summary>
    /// <c>default_intention_policy</c>: <c>allow</c> or <c>deny</c> for calls no intention matches; empty (the default)
    /// leaves it to the ACL default policy.
    /// </summary>
    public string DefaultIntentionPolicy { get; init; } = "";

    /// <summary><c>acl { enabled }</c>: whether requests are authorized by ACL tokens. Defaults to false.</summary>
    public bool AclsEnabled { get; init; }

    /// <summary><c>acl { default_policy }</c>: <c>allow</c> (the default) or <c>deny</c> for what no rule decides.</summary>
    public string AclDefaultPolicy { get; init; } = "allow";

    /// <summary>
    /// <c>acl { down_policy }</c>: <c>allow</c>, <c>deny</c>, <c>extend-cache</c> (the default) or <c>async-cache</c>.
    /// Accepted for Consul's configs; every Parley server resolves tokens from its own replicated state, so it is not consulted.
    /// </summary>
    public string AclDownPolicy { get; init; } = "extend-cache";

    /// <summary>
    /// <c>acl { enable_token_persistence }</c>: keep tokens set through the agent API across restarts. Defaults to false.
    /// </summary>
    public bool AclEnableTokenPersistence { get; init; }

    /// <summary><c>acl { tokens { ... } }</c>.</summary>
    public AclTokensConfig AclTokens { get; init; } = new();

    /// <summary><c>ui_config { enabled }</c> (or <c>ui</c>). Defaults to true.</summary>
    public bool UiEnabled { get; init; } = true;

    public IReadOnlyDictionary<string, string> NodeMeta { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> RetryJoin { get; init; } = [];

    /// <summary>
    /// The <c>service</c> and <c>services</c> definitions of the config files, keys as written (snake_case or Consul's
    /// names), their Proxy and Connect blocks already checked strictly; registered when the agent starts.
    /// </summary>
    public IReadOnlyList<System.Text.Json.Nodes.JsonObject> Services { get; init; } = [];

    /// <summary>The address put in the catalog and the member list.</summary>
    public string EffectiveAdvertiseAddr =>
        AdvertiseAddr ?? (BindAddr is "0.0.0.0" or "::" or "[::]" ? "127.0.0.1" : BindAddr);
}

/// <summary>Listener ports; Consul's defaults. A negative port disables that listener.</summary>
public sealed record AgentPorts
{
    public int Http { get; init; } = 8500;
    public int Https { get; init; } = -1;
    public int Grpc { get; init; } = 8502;
    public int GrpcTls { get; init; } = 8503;
    public int Server { get; init; } = 8300;
    public int SerfLan { get; init; } = 8301;
    public int SerfWan { get; init; } = 8302;
    public int Dns { get; init; } = 8600;

    /// <summary>
    /// <c>sidecar_min_port</c>: the lowest port given to a sidecar registered without one. Defaults to 21000; 0 (with max 0) disables.
    /// </summary>
    public int SidecarMin { get; init; } = Core.Connect.SidecarExpansion.DefaultMinPort;

    /// <summary><c>sidecar_max_port</c>: the highest such port (inclusive). Defaults to 21255.</summary>
    public int SidecarMax { get; init; } = Core.Connect.SidecarExpansion.DefaultMaxPort;
}
