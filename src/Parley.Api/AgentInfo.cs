namespace Parley.Api;

/// <summary>Facts about the local agent that handlers report: its node, datacenter, addresses and ports.</summary>
public sealed record AgentInfo
{
    public required string NodeName { get; init; }
    public required string NodeId { get; init; }
    public required string Datacenter { get; init; }
    public required string AdvertiseAddress { get; init; }
    public bool Server { get; init; } = true;
    public int ServerPort { get; init; } = 8300;
    public int SerfLanPort { get; init; } = 8301;
    public int HttpPort { get; init; } = 8500;
    public int GrpcPort { get; init; } = 8502;
    public int GrpcTlsPort { get; init; } = 8503;
    public string Version { get; init; } = ParleyVersion.Current;

    /// <summary><c>ports.sidecar_min_port</c>: the lowest port a sidecar registered without one gets; 0 disables assignment.</summary>
    public int SidecarMinPort { get; init; } = Core.Connect.SidecarExpansion.DefaultMinPort;

    /// <summary><c>ports.sidecar_max_port</c>: the highest port a sidecar registered without one gets.</summary>
    public int SidecarMaxPort { get; init; } = Core.Connect.SidecarExpansion.DefaultMaxPort;
    public IReadOnlyDictionary<string, string> NodeMeta { get; init; } = new Dictionary<string, string>();

    /// <summary><c>default_intention_policy</c>: <c>allow</c>, <c>deny</c> or empty (not set).</summary>
    public string DefaultIntentionPolicy { get; init; } = "";

    /// <summary><c>acl { enabled }</c>.</summary>
    public bool AclsEnabled { get; init; }

    /// <summary><c>acl { default_policy }</c>.</summary>
    public string AclDefaultPolicy { get; init; } = Core.Intentions.IntentionDefaults.Allow;

    /// <summary>Whether a call no intention matches is allowed (see <see cref="Core.Intentions.IntentionDefaults"/>).</summary>
    public bool IntentionDefaultAllow => Core.Intentions.IntentionDefaults.Allows(DefaultIntentionPolicy, AclsEnabled, AclDefaultPolicy);
}
