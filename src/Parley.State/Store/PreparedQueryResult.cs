using Parley.Core.PreparedQueries;

namespace Parley.State.Store;

/// <summary>
/// What executing a prepared query found (Consul's <c>PreparedQueryExecuteResponse</c>): the instances, and where they
/// came from — this datacenter, or (<see cref="PeerName"/> set, <see cref="Datacenter"/> empty) a peer's imports.
/// </summary>
/// <param name="Query">The query as executed (a template rendered for the name).</param>
/// <param name="Nodes">The instances, health-filtered, shuffled, the near node first, cut to the limit.</param>
/// <param name="Datacenter">The datacenter that answered; "" when a peer did.</param>
/// <param name="PeerName">The peer whose imported instances answered; "" for local ones.</param>
/// <param name="Failovers">How many failover targets were tried.</param>
public sealed record PreparedQueryResult(
    PreparedQuery Query,
    IReadOnlyList<CheckServiceNode> Nodes,
    string Datacenter,
    string PeerName,
    int Failovers);
