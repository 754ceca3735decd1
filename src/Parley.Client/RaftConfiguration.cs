namespace Parley.Client;

/// <summary>The Raft configuration (Consul's <c>api.RaftConfiguration</c>).</summary>
public sealed record RaftConfiguration
{
    /// <summary>The servers in the configuration.</summary>
    public IReadOnlyList<RaftServer> Servers { get; init; } = [];

    /// <summary>The log index the configuration was read at.</summary>
    public ulong Index { get; init; }
}
