namespace Parley.Api.Operator;

/// <summary>One voter of the Raft configuration.</summary>
/// <param name="Address">Its server address, <c>host:port</c>.</param>
/// <param name="Leader">It leads.</param>
/// <param name="Voter">It votes.</param>
public sealed record RaftPeer(string Address, bool Leader, bool Voter);
