namespace Parley.Api.Operator;

/// <summary>The Raft configuration: its voters and the log index it was read at.</summary>
public sealed record RaftPeers(IReadOnlyList<RaftPeer> Servers, long Index);
