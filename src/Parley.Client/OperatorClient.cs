namespace Parley.Client;

/// <summary><c>/v1/operator</c>: the Raft configuration and its changes (Consul's <c>client.Operator()</c>).</summary>
public sealed class OperatorClient
{
    private readonly ApiTransport _transport;

    internal OperatorClient(ApiTransport transport) => _transport = transport;

    /// <summary>The servers of the Raft configuration and which one leads (<c>GET /v1/operator/raft/configuration</c>).</summary>
    public async Task<RaftConfiguration> RaftGetConfigurationAsync(
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<RaftConfiguration?>("v1/operator/raft/configuration", options, null, cancellationToken)
            .ConfigureAwait(false);
        return result.Value ?? new RaftConfiguration();
    }

    /// <summary>
    /// Removes the server at <paramref name="address"/> (<c>host:port</c> of its server port) from the Raft configuration
    /// (<c>DELETE /v1/operator/raft/peer?address=</c>).
    /// </summary>
    public Task RaftRemovePeerByAddressAsync(string address, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        return _transport.WriteAsync(
            HttpMethod.Delete,
            "v1/operator/raft/peer",
            null,
            options,
            [new("address", address)],
            cancellationToken);
    }

    /// <summary>Removes the server with node ID <paramref name="id"/> from the Raft configuration (<c>?id=</c>).</summary>
    public Task RaftRemovePeerByIdAsync(string id, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return _transport.WriteAsync(HttpMethod.Delete, "v1/operator/raft/peer", null, options, [new("id", id)], cancellationToken);
    }
}
