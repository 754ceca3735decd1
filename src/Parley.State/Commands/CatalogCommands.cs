using Parley.Core.Catalog;

namespace Parley.State.Commands;

/// <summary>
/// Registers (creates or updates) a node and optionally one service instance and checks on it, as
/// <c>PUT /v1/catalog/register</c> does. Indexes inside the records are ignored; the store assigns them.
/// </summary>
public sealed record RegisterCatalog(Node Node, ServiceInstance? Service, IReadOnlyList<HealthCheck> Checks) : Command
{
    /// <summary>When true a node that exists keeps its address and meta (an agent registering a service on itself).</summary>
    public bool SkipNodeUpdate { get; init; }
}

/// <summary>
/// Removes a whole node (with all its services and checks), one service (with its checks) or one check,
/// as <c>PUT /v1/catalog/deregister</c> does.
/// </summary>
public sealed record DeregisterCatalog(string Node, string? ServiceID, string? CheckID, string PeerName = "") : Command;

/// <summary>Sets the status and output of one check; the agent's TTL and probe results use this.</summary>
public sealed record UpdateCheckStatus(string Node, string CheckID, string Status, string Output) : Command;

/// <summary>Applies several commands atomically at one index: all or none.</summary>
public sealed record Batch(IReadOnlyList<Command> Commands) : Command;
