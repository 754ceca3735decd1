namespace Parley.Consensus;

/// <summary>One server of the Raft configuration, as <c>/v1/operator/raft/configuration</c> lists it.</summary>
/// <param name="Address">Its server address, <c>host:port</c>.</param>
/// <param name="Leader">It is the current leader (as this server knows).</param>
/// <param name="Voter">It votes (every Parley server does; there are no non-voters yet).</param>
public sealed record RaftServer(string Address, bool Leader, bool Voter);
