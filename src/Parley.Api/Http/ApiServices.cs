using Microsoft.Extensions.Hosting;
using Parley.Api.Acl;
using Parley.Api.Health;
using Parley.Api.Metrics;
using Parley.Api.Sessions;
using Parley.Peering;
using Parley.State;
using Parley.State.Store;

namespace Parley.Api.Http;

/// <summary>
/// What every request's <see cref="ApiContext"/> works with, resolved once for the route table instead of looked up in
/// the request's services on each request.
/// </summary>
public sealed class ApiServices(
    StateStore store,
    IReplicator replicator,
    AgentInfo agent,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    AclOptions? aclOptions = null,
    AclResolver? aclResolver = null,
    ApiMetrics? metrics = null,
    ReadCache? readCache = null,
    HealthResponseCache? healthCache = null,
    IPeeringService? peering = null,
    SessionClock? sessionClock = null)
{
    public StateStore Store { get; } = store;

    public IReplicator Replicator { get; } = replicator;

    public AgentInfo Agent { get; } = agent;

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>Cancelled when the agent starts stopping: blocking reads then answer with what they have.</summary>
    public CancellationToken Stopping { get; } = lifetime.ApplicationStopping;

    /// <summary>The ACL settings; <see cref="AclOptions.Enabled"/> false when the agent registered none.</summary>
    public AclOptions AclOptions { get; } = aclOptions ?? new AclOptions();

    /// <summary>Resolves a token's secret to its authorizer; registered with the ACL settings (<c>AddParleyAcl</c>).</summary>
    /// <exception cref="InvalidOperationException">No resolver was registered (ACLs are then disabled, and nothing asks).</exception>
    public AclResolver AclResolver => aclResolver ?? throw new InvalidOperationException("AddParleyAcl registers the AclResolver.");

    /// <summary>The API's instruments; null when none are registered (nothing is measured).</summary>
    public ApiMetrics? Metrics { get; } = metrics;

    /// <summary>The <c>?cached</c> bookkeeping; null when none is registered (no read is served as cached).</summary>
    public ReadCache? ReadCache { get; } = readCache;

    /// <summary>The encoded <c>/v1/health/service</c> answers; null when none is registered.</summary>
    public HealthResponseCache? HealthCache { get; } = healthCache;

    /// <summary>The peering subsystem.</summary>
    /// <exception cref="InvalidOperationException">None was registered (<c>AddParleyPeering</c>).</exception>
    public IPeeringService Peering => peering ?? throw new InvalidOperationException("AddParleyPeering registers the IPeeringService.");

    /// <summary>The clock session and lock commands carry; the system clock when none is registered.</summary>
    public SessionClock SessionClock { get; } = sessionClock ?? SessionClock.System;
}
