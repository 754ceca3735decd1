namespace Parley.Client;

/// <summary>A gossip pool member as <c>GET /v1/agent/members</c> returns it (Consul's <c>api.AgentMember</c>).</summary>
public sealed record AgentMember
{
    /// <summary>The node name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The member's gossip IP address.</summary>
    public string Addr { get; init; } = "";

    /// <summary>The member's gossip port.</summary>
    public int Port { get; init; }

    /// <summary>
    /// Serf tags: <c>role</c> (<c>consul</c> for servers, <c>node</c> for clients), <c>dc</c>, <c>build</c>, <c>vsn</c>, ...
    /// </summary>
    public Dictionary<string, string>? Tags { get; init; }

    /// <summary>Serf status: 0 none, 1 alive, 2 leaving, 3 left, 4 failed.</summary>
    public int Status { get; init; }

    /// <summary>The lowest gossip protocol understood.</summary>
    public int ProtocolMin { get; init; }

    /// <summary>The highest gossip protocol understood.</summary>
    public int ProtocolMax { get; init; }

    /// <summary>The gossip protocol spoken.</summary>
    public int ProtocolCur { get; init; }

    /// <summary>The lowest delegate protocol understood.</summary>
    public int DelegateMin { get; init; }

    /// <summary>The highest delegate protocol understood.</summary>
    public int DelegateMax { get; init; }

    /// <summary>The delegate protocol spoken.</summary>
    public int DelegateCur { get; init; }
}
