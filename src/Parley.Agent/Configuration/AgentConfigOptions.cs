using System.Text.Json.Nodes;
using Parley.Agent.Hosting;
using Parley.Api;
using Parley.Api.Acl;
using Parley.Consensus;
using Parley.Dns;
using Parley.Mesh.Ca;
using Parley.Peering;

namespace Parley.Agent.Configuration;

/// <summary>Each subsystem's settings as the agent's configuration gives them: the one place Consul's keys become options.</summary>
internal static class AgentConfigOptions
{
    /// <summary>The facts about this agent its handlers report (<paramref name="dataDir"/> holds the node id when none is set).</summary>
    public static AgentInfo AgentInfo(this AgentConfig config, string dataDir) => new()
    {
        NodeName = config.NodeName,
        NodeId = config.NodeId ?? NodeIdentity.LoadOrCreate(dataDir),
        Datacenter = config.Datacenter,
        AdvertiseAddress = config.EffectiveAdvertiseAddr,
        Server = config.Server,
        ServerPort = config.Ports.Server,
        SerfLanPort = config.Ports.SerfLan,
        HttpPort = config.Ports.Http,
        GrpcPort = config.Ports.Grpc,
        GrpcTlsPort = config.Ports.GrpcTls,
        SidecarMinPort = config.Ports.SidecarMin,
        SidecarMaxPort = config.Ports.SidecarMax,
        NodeMeta = config.NodeMeta,
        DefaultIntentionPolicy = config.DefaultIntentionPolicy,
        AclsEnabled = config.AclsEnabled,
        AclDefaultPolicy = config.AclDefaultPolicy,
    };

    /// <summary>The Raft server: its log in <paramref name="dataDir"/>, the server port, bootstrap and joining.</summary>
    public static void ConfigureRaft(this AgentConfig config, RaftOptions raft, string dataDir)
    {
        raft.DataDir = dataDir;
        raft.ServerEndpoint = Endpoints.Format(config.BindAddr, config.Ports.Server);
        raft.AdvertiseEndpoint = Endpoints.Format(config.EffectiveAdvertiseAddr, config.Ports.Server);
        raft.Bootstrap = config.Bootstrap || config.Dev;
        if (config.Dev)
        {
            // A dev agent is the only server there will ever be: nothing to wait for before it elects itself, and no
            // follower that a short timeout could make start a needless election. Saves 0.5-1 s of every start.
            raft.LowerElectionTimeout = TimeSpan.FromMilliseconds(100);
            raft.UpperElectionTimeout = TimeSpan.FromMilliseconds(150);
            raft.RequestTimeout = TimeSpan.FromMilliseconds(500);
        }

        raft.BootstrapExpect = config.BootstrapExpect;
        raft.RetryJoin = [.. config.RetryJoin.Select(a => RetryJoinAddress(a, config.Ports.Server))];
        raft.Tls = TlsListeners.InternalRpc(config);
    }

    /// <summary><c>peering { ... }</c>, with the facts peering depends on (Connect, the gRPC TLS port, the datacenter).</summary>
    public static void ConfigurePeering(this AgentConfig config, PeeringOptions peering)
    {
        peering.Enabled = config.PeeringEnabled;
        peering.ConnectEnabled = config.ConnectEnabled;
        peering.Datacenter = config.Datacenter;
        peering.GrpcTlsEnabled = config.Ports.GrpcTls > 0;
        peering.HeartbeatInterval = config.PeeringHeartbeatInterval;
        peering.HeartbeatTimeout = config.PeeringHeartbeatTimeout;
        peering.DeletionBatchSize = config.PeeringDeletionBatchSize;
        peering.TokenTtl = config.PeeringTokenTtl;
    }

    /// <summary><c>connect { enabled, ca_config { ... } }</c>.</summary>
    public static void ConfigureConnectCa(this AgentConfig config, ConnectCaOptions connect)
    {
        connect.Enabled = config.ConnectEnabled;
        connect.ClusterId = config.ClusterId;
        connect.Datacenter = config.Datacenter;
        connect.CaConfig = config.CaConfig.Count == 0 ? null : (JsonObject)config.CaConfig.DeepClone();
    }

    /// <summary><c>acl { ... }</c>; persisted tokens go to <c>acl-tokens.json</c> in <paramref name="dataDir"/>.</summary>
    public static AclOptions AclOptions(this AgentConfig config, string dataDir) => new()
    {
        Enabled = config.AclsEnabled,
        DefaultAllow = config.AclDefaultPolicy != "deny",
        DefaultToken = config.AclTokens.Default,
        DnsToken = config.AclTokens.Dns,
        AgentToken = config.AclTokens.Agent,
        AgentRecoveryToken = config.AclTokens.AgentRecovery,
        TokenPersistenceFile = config.AclEnableTokenPersistence ? Path.Combine(dataDir, "acl-tokens.json") : null,
        InitialManagement = config.AclTokens.InitialManagement,
        Datacenter = config.Datacenter,
    };

    /// <summary><c>dns_config</c> and friends, with the domain, the datacenter, the node and the DNS port filled in.</summary>
    public static DnsOptions DnsOptions(this AgentConfig config) => config.Dns with
    {
        Domain = config.Domain.ToLowerInvariant() + ".",
        Datacenter = config.Datacenter,
        NodeName = config.NodeName,
        Endpoint = config.Ports.Dns > 0 ? Endpoints.Parse(config.ClientAddr, config.Ports.Dns) : null,
    };

    // Retry-join addresses name other servers' server ports; one given without a port uses this server's port number.
    private static string RetryJoinAddress(string address, int serverPort)
    {
        var bare = address.StartsWith('[') ? !address.Contains("]:", StringComparison.Ordinal)
            : System.Net.IPAddress.TryParse(address, out _) || !address.Contains(':', StringComparison.Ordinal);
        return bare ? Endpoints.Format(address.Trim('[', ']'), serverPort) : address;
    }
}
