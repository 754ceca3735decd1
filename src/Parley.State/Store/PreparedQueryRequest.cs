namespace Parley.State.Store;

/// <summary>Who executes a prepared query and how (Consul's <c>PreparedQueryExecuteRequest</c> without the query).</summary>
/// <param name="Datacenter">The agent's datacenter: what a local answer is stamped with.</param>
/// <param name="AgentNode">The agent's node, which <c>_agent</c> names.</param>
/// <param name="Near">The caller's <c>?near=</c>; "" for the query's own <c>Near</c>.</param>
/// <param name="Limit">At most this many instances (0 = all).</param>
/// <param name="Connect">Answer the mesh-capable instances in front of the service (<c>?connect=true</c>).</param>
public sealed record PreparedQueryRequest(string Datacenter, string AgentNode, string Near = "", int Limit = 0, bool Connect = false);
