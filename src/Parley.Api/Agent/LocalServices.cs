using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Agent;

/// <summary>
/// Registers and deregisters the services this agent owns — from <c>PUT /v1/agent/service/register</c> and from the
/// agent's config files — one at a time, so that two sidecars registered at once never get the same port.
/// </summary>
public sealed class LocalServices(StateStore store, IReplicator replicator, AgentInfo agent, TtlHeartbeats heartbeats) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Registers a service (with its sidecar, when it asks for one) and starts its TTLs.</summary>
    /// <exception cref="ApiException">The registration is refused (Consul's 400 texts); nothing was written.</exception>
    public Task RegisterAsync(AgentServiceRegistration registration, CancellationToken cancellationToken) =>
        RegisterAsync(registration, null, cancellationToken);

    /// <summary>
    /// Registers a service as <see cref="RegisterAsync(AgentServiceRegistration, CancellationToken)"/> does, after
    /// <paramref name="vet"/> has accepted the command it would apply (it throws to refuse; nothing is written then).
    /// </summary>
    public async Task RegisterAsync(
        AgentServiceRegistration registration, Action<Command, StateSnapshot>? vet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var snapshot = store.Current;
            var (command, checks) = AgentRegistration.ServiceCommand(registration, agent, snapshot);
            vet?.Invoke(command, snapshot);
            (await replicator.ApplyAsync(command, cancellationToken)).ThrowIfRejected();
            foreach (var check in checks.Where(c => c.Type == "ttl"))
            {
                heartbeats.Beat(check.CheckID);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deregisters a service with its checks, and the sidecar it was registered with.</summary>
    /// <exception cref="ApiException">404 with Consul's text when no such service is registered here.</exception>
    public Task DeregisterAsync(string id, CancellationToken cancellationToken) => DeregisterAsync(id, null, cancellationToken);

    /// <summary>
    /// Deregisters as <see cref="DeregisterAsync(string, CancellationToken)"/> does, after <paramref name="vet"/> has
    /// accepted the command (it throws to refuse).
    /// </summary>
    public async Task DeregisterAsync(string id, Action<Command, StateSnapshot>? vet, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var snapshot = store.Current;
            if (snapshot.GetService(agent.NodeName, id) is null)
            {
                throw ApiException.NotFound($"Unknown service ID \"{id}\". Ensure that the service ID is passed, not the service name.");
            }

            Command command = new DeregisterCatalog(agent.NodeName, id, null);
            if (AgentRegistration.SidecarOf(snapshot, agent, id) is { } sidecar)
            {
                command = new Batch([command, new DeregisterCatalog(agent.NodeName, sidecar.ID, null)]);
            }

            vet?.Invoke(command, snapshot);
            (await replicator.ApplyAsync(command, cancellationToken)).ThrowIfRejected();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
