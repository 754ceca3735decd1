namespace Parley.Client;

/// <summary><c>/v1/connect/ca</c>: the Connect CA's roots and configuration (Consul's <c>client.Connect()</c> CA calls).</summary>
public sealed class ConnectClient
{
    private readonly ApiTransport _transport;

    internal ConnectClient(ApiTransport transport) => _transport = transport;

    /// <summary>The CA roots (<c>GET /v1/connect/ca/roots</c>); blocks with <see cref="QueryOptions.Index"/>.</summary>
    public async Task<QueryResult<CARootList>> CaRootsAsync(QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<CARootList?>("v1/connect/ca/roots", options, null, cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? new CARootList(), result.Meta);
    }

    /// <summary>Every root followed by its intermediates, as one PEM text (<c>GET /v1/connect/ca/roots?pem=true</c>).</summary>
    public async Task<QueryResult<string>> CaRootsPemAsync(QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        await _transport.QueryTextAsync("v1/connect/ca/roots", options, [new("pem", "true")], cancellationToken).ConfigureAwait(false);

    /// <summary>The CA configuration (<c>GET /v1/connect/ca/configuration</c>).</summary>
    public async Task<QueryResult<CAConfig>> CaGetConfigAsync(QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<CAConfig?>("v1/connect/ca/configuration", options, null, cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? new CAConfig(), result.Meta);
    }

    /// <summary>
    /// Replaces the CA configuration (<c>PUT /v1/connect/ca/configuration</c>). A new key type or size, or an operator's
    /// key or root certificate, rotates the root: the old root cross-signs the new one and stays trusted until pruned.
    /// </summary>
    /// <exception cref="ParleyApiException">400 with Consul's text for an invalid configuration; nothing changed.</exception>
    public Task CaSetConfigAsync(CAConfig config, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return _transport.WriteAsync(HttpMethod.Put, "v1/connect/ca/configuration", config, options, null, cancellationToken);
    }
}
