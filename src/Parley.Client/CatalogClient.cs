namespace Parley.Client;

/// <summary><c>/v1/catalog</c>: datacenters, nodes and services (Consul's <c>client.Catalog()</c>).</summary>
public sealed class CatalogClient
{
    private readonly ApiTransport _transport;

    internal CatalogClient(ApiTransport transport) => _transport = transport;

    /// <summary>All known datacenters (<c>GET /v1/catalog/datacenters</c>).</summary>
    public async Task<IReadOnlyList<string>> DatacentersAsync(CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<List<string>?>("v1/catalog/datacenters", null, null, cancellationToken)
            .ConfigureAwait(false);
        return result.Value ?? [];
    }

    /// <summary>All nodes (<c>GET /v1/catalog/nodes</c>).</summary>
    public async Task<QueryResult<IReadOnlyList<Node>>> NodesAsync(
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<List<Node>?>("v1/catalog/nodes", options, null, cancellationToken).ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary>All service names with their tags (<c>GET /v1/catalog/services</c>).</summary>
    public async Task<QueryResult<IReadOnlyDictionary<string, List<string>>>> ServicesAsync(
        QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<Dictionary<string, List<string>>?>("v1/catalog/services", options, null, cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary>The instances of one service, optionally only those with a tag (<c>GET /v1/catalog/service/:name</c>).</summary>
    public async Task<QueryResult<IReadOnlyList<CatalogService>>> ServiceAsync(
        string service, string? tag = null, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        KeyValuePair<string, string?>[]? parameters = tag is { Length: > 0 } ? [new("tag", tag)] : null;
        var result = await _transport.QueryAsync<List<CatalogService>?>(
            "v1/catalog/service/" + ApiTransport.Escape(service), options, parameters, cancellationToken).ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary>
    /// The mesh-capable instances of a service: its proxies and connect-native instances (<c>GET /v1/catalog/connect/:service</c>).
    /// </summary>
    public async Task<QueryResult<IReadOnlyList<CatalogService>>> ConnectAsync(
        string service, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        var result = await _transport.QueryAsync<List<CatalogService>?>(
            "v1/catalog/connect/" + ApiTransport.Escape(service), options, null, cancellationToken).ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary>One node and its services by ID (<c>GET /v1/catalog/node/:node</c>); null when the node is unknown.</summary>
    public Task<QueryResult<CatalogNode?>> NodeAsync(
        string node,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        return _transport.QueryAsync<CatalogNode?>("v1/catalog/node/" + ApiTransport.Escape(node), options, null, cancellationToken);
    }

    /// <summary>One node and its services as a list (<c>GET /v1/catalog/node-services/:node</c>); null when unknown.</summary>
    public Task<QueryResult<CatalogNodeServiceList?>> NodeServicesAsync(
        string node, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        return _transport.QueryAsync<CatalogNodeServiceList?>(
            "v1/catalog/node-services/" + ApiTransport.Escape(node), options, null, cancellationToken);
    }

    /// <summary>Registers a node, and optionally a service and checks on it (<c>PUT /v1/catalog/register</c>).</summary>
    public Task<bool> RegisterAsync(
        CatalogRegistration registration,
        WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return _transport.WriteAsync<bool>(HttpMethod.Put, "v1/catalog/register", registration, options, null, cancellationToken);
    }

    /// <summary>Removes a node, a service instance or a check (<c>PUT /v1/catalog/deregister</c>).</summary>
    public Task<bool> DeregisterAsync(
        CatalogDeregistration deregistration, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deregistration);
        return _transport.WriteAsync<bool>(HttpMethod.Put, "v1/catalog/deregister", deregistration, options, null, cancellationToken);
    }
}
