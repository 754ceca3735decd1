namespace Parley.Client;

/// <summary>One server of the Raft configuration (Consul's <c>api.RaftServer</c>).</summary>
public sealed record RaftServer
{
    /// <summary>The server's node ID (or its address when the node is not known).</summary>
    public string ID { get; init; } = "";

    /// <summary>The server's node name, <c>(unknown)</c> when it is not in the catalog.</summary>
    public string Node { get; init; } = "";

    /// <summary>The server address, <c>host:port</c> of its server port.</summary>
    public string Address { get; init; } = "";

    /// <summary>Whether it is the leader.</summary>
    public bool Leader { get; init; }

    /// <summary>The Raft protocol version, <c>3</c>.</summary>
    public string ProtocolVersion { get; init; } = "";

    /// <summary>Whether it votes.</summary>
    public bool Voter { get; init; }
}
