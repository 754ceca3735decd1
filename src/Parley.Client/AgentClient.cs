using System.Text.Json.Nodes;

namespace Parley.Client;

/// <summary><c>/v1/agent</c>: the local agent, its members, services and checks (Consul's <c>client.Agent()</c>).</summary>
public sealed partial class AgentClient
{
    private readonly ApiTransport _transport;

    internal AgentClient(ApiTransport transport) => _transport = transport;

    /// <summary>The agent's configuration and member information (<c>GET /v1/agent/self</c>).</summary>
    public async Task<JsonObject> SelfAsync(CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<JsonObject?>("v1/agent/self", null, null, cancellationToken).ConfigureAwait(false);
        return result.Value ?? [];
    }

    /// <summary>The members of the LAN (or, with <paramref name="wan"/>, WAN) gossip pool (<c>GET /v1/agent/members</c>).</summary>
    public async Task<IReadOnlyList<AgentMember>> MembersAsync(bool wan = false, CancellationToken cancellationToken = default)
    {
        KeyValuePair<string, string?>[]? parameters = wan ? [new("wan", "1")] : null;
        var result = await _transport.QueryAsync<List<AgentMember>?>("v1/agent/members", null, parameters, cancellationToken)
            .ConfigureAwait(false);
        return result.Value ?? [];
    }

    /// <summary>The services registered with this agent, by ID (<c>GET /v1/agent/services</c>).</summary>
    public async Task<IReadOnlyDictionary<string, AgentService>> ServicesAsync(
        QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<Dictionary<string, AgentService>?>("v1/agent/services", options, null, cancellationToken)
            .ConfigureAwait(false);
        return result.Value ?? [];
    }

    /// <summary>
    /// One service registered with this agent (<c>GET /v1/agent/service/:id</c>, Consul's <c>Agent().Service</c>), its
    /// Proxy block with central config merged in, and its <see cref="AgentService.ContentHash"/>. Blocks with
    /// <see cref="QueryOptions.WaitHash"/> (until the hash differs) or <see cref="QueryOptions.Index"/>.
    /// </summary>
    /// <exception cref="ParleyApiException">404 when no such service is registered.</exception>
    public async Task<QueryResult<AgentService>> ServiceAsync(
        string serviceId, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        var result = await _transport.QueryAsync<AgentService?>(
            "v1/agent/service/" + ApiTransport.Escape(serviceId),
            options,
            null,
            cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? new AgentService(), result.Meta);
    }

    /// <summary>The checks registered with this agent, by ID (<c>GET /v1/agent/checks</c>).</summary>
    public async Task<IReadOnlyDictionary<string, AgentCheck>> ChecksAsync(
        QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<Dictionary<string, AgentCheck>?>("v1/agent/checks", options, null, cancellationToken)
            .ConfigureAwait(false);
        return result.Value ?? [];
    }

    /// <summary>Registers (or replaces) a service on this agent (<c>PUT /v1/agent/service/register</c>).</summary>
    public Task ServiceRegisterAsync(AgentServiceRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return _transport.WriteAsync(HttpMethod.Put, "v1/agent/service/register", registration, null, null, cancellationToken);
    }

    /// <summary>Removes a service from this agent (<c>PUT /v1/agent/service/deregister/:id</c>).</summary>
    public Task ServiceDeregisterAsync(string serviceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        return _transport.WriteAsync(
            HttpMethod.Put, "v1/agent/service/deregister/" + ApiTransport.Escape(serviceId), null, null, null, cancellationToken);
    }

    /// <summary>Marks a TTL check passing (<c>PUT /v1/agent/check/pass/:id</c>).</summary>
    public Task PassTtlAsync(string checkId, string? note = null, CancellationToken cancellationToken = default)
        => LegacyTtlAsync("pass", checkId, note, cancellationToken);

    /// <summary>Marks a TTL check warning (<c>PUT /v1/agent/check/warn/:id</c>).</summary>
    public Task WarnTtlAsync(string checkId, string? note = null, CancellationToken cancellationToken = default)
        => LegacyTtlAsync("warn", checkId, note, cancellationToken);

    /// <summary>Marks a TTL check critical (<c>PUT /v1/agent/check/fail/:id</c>).</summary>
    public Task FailTtlAsync(string checkId, string? note = null, CancellationToken cancellationToken = default)
        => LegacyTtlAsync("fail", checkId, note, cancellationToken);

    /// <summary>
    /// Sets a TTL check's status and output (<c>PUT /v1/agent/check/update/:id</c>).
    /// </summary>
    /// <param name="checkId">The check.</param>
    /// <param name="output">The output to record.</param>
    /// <param name="status"><see cref="HealthStatus.Passing"/>, <see cref="HealthStatus.Warning"/> or <see
    /// cref="HealthStatus.Critical"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task UpdateTtlAsync(string checkId, string output, string status, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkId);
        var body = new JsonObject { ["Status"] = status, ["Output"] = output };
        return _transport.WriteAsync(
            HttpMethod.Put, "v1/agent/check/update/" + ApiTransport.Escape(checkId), body, null, null, cancellationToken);
    }

    private Task LegacyTtlAsync(string verb, string checkId, string? note, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkId);
        KeyValuePair<string, string?>[]? parameters = note is { Length: > 0 } ? [new("note", note)] : null;
        return _transport.WriteAsync(
            HttpMethod.Put, $"v1/agent/check/{verb}/{ApiTransport.Escape(checkId)}", null, null, parameters, cancellationToken);
    }
}
