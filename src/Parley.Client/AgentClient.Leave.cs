namespace Parley.Client;

public sealed partial class AgentClient
{
    /// <summary>
    /// Asks the agent to leave the cluster gracefully and shut down (<c>PUT /v1/agent/leave</c>): a server is removed from
    /// the Raft configuration first.
    /// </summary>
    public Task LeaveAsync(CancellationToken cancellationToken = default)
        => _transport.WriteAsync(HttpMethod.Put, "v1/agent/leave", null, null, null, cancellationToken);
}
