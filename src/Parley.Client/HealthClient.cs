namespace Parley.Client;

/// <summary>
/// <c>/v1/health</c>: instances with their checks, and checks by service, node or state (Consul's <c>client.Health()</c>).
/// </summary>
public sealed class HealthClient
{
    private readonly ApiTransport _transport;

    internal HealthClient(ApiTransport transport) => _transport = transport;

    /// <summary>
    /// The instances of a service with node and checks (<c>GET /v1/health/service/:name</c>); with
    /// <see cref="QueryOptions.Peer"/>, the instances imported from that peer.
    /// </summary>
    /// <param name="service">The service name.</param>
    /// <param name="tag">Only instances with this tag; null for all.</param>
    /// <param name="passingOnly">Only instances whose checks all pass (<c>?passing</c>).</param>
    /// <param name="options">Query options.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<QueryResult<IReadOnlyList<ServiceEntry>>> ServiceAsync(
        string service, string? tag = null, bool passingOnly = false, QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        var parameters = new List<KeyValuePair<string, string?>>();
        if (tag is { Length: > 0 })
        {
            parameters.Add(new("tag", tag));
        }

        if (passingOnly)
        {
            parameters.Add(new("passing", "1"));
        }

        var result = await _transport.QueryAsync<List<ServiceEntry>?>(
            "v1/health/service/" + ApiTransport.Escape(service), options, parameters, cancellationToken).ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary>
    /// The mesh-capable instances of a service (<c>GET /v1/health/connect/:service</c>): its sidecar proxies and
    /// connect-native instances; with <paramref name="peer"/>, those imported from that peer (the exporter's synthetic
    /// proxies, whose <c>Service.Connect.PeerMeta</c> says how to dial them).
    /// </summary>
    public Task<QueryResult<IReadOnlyList<ServiceEntry>>> ConnectAsync(
        string service, string? peer = null, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        return EntriesAsync("v1/health/connect/" + ApiTransport.Escape(service), peer, options, cancellationToken);
    }

    /// <summary>
    /// Every instance of a kind (<c>GET /v1/health/kind/:kind</c>, a Parley addition): <c>mesh-gateway</c>,
    /// <c>connect-proxy</c>, ...; with <paramref name="peer"/>, those imported from that peer.
    /// </summary>
    public Task<QueryResult<IReadOnlyList<ServiceEntry>>> KindAsync(
        string kind, string? peer = null, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        return EntriesAsync("v1/health/kind/" + ApiTransport.Escape(kind), peer, options, cancellationToken);
    }

    /// <summary>The checks of a service (<c>GET /v1/health/checks/:service</c>).</summary>
    public Task<QueryResult<IReadOnlyList<HealthCheck>>> ChecksAsync(
        string service, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        return ListAsync("v1/health/checks/" + ApiTransport.Escape(service), options, cancellationToken);
    }

    /// <summary>The checks of a node (<c>GET /v1/health/node/:node</c>).</summary>
    public Task<QueryResult<IReadOnlyList<HealthCheck>>> NodeAsync(
        string node, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        return ListAsync("v1/health/node/" + ApiTransport.Escape(node), options, cancellationToken);
    }

    /// <summary>The checks in a state, or <see cref="HealthStatus.Any"/> (<c>GET /v1/health/state/:state</c>).</summary>
    public Task<QueryResult<IReadOnlyList<HealthCheck>>> StateAsync(
        string state, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        return ListAsync("v1/health/state/" + ApiTransport.Escape(state), options, cancellationToken);
    }

    private async Task<QueryResult<IReadOnlyList<ServiceEntry>>> EntriesAsync(
        string path, string? peer, QueryOptions? options, CancellationToken cancellationToken)
    {
        if (peer is { Length: > 0 })
        {
            options = (options ?? new QueryOptions()) with { Peer = peer };
        }

        var result = await _transport.QueryAsync<List<ServiceEntry>?>(path, options, null, cancellationToken).ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    private async Task<QueryResult<IReadOnlyList<HealthCheck>>> ListAsync(
        string path, QueryOptions? options, CancellationToken cancellationToken)
    {
        var result = await _transport.QueryAsync<List<HealthCheck>?>(path, options, null, cancellationToken).ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }
}
