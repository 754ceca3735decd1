namespace Parley.Consensus;

/// <summary>The Raft configuration as this server knows it.</summary>
/// <param name="Servers">The voters, ordered by address.</param>
/// <param name="Index">The last log index applied on this server when it was read.</param>
public sealed record RaftConfiguration(IReadOnlyList<RaftServer> Servers, long Index);
