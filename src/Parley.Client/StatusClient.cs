namespace Parley.Client;

/// <summary><c>/v1/status</c>: the Raft leader and peers (Consul's <c>client.Status()</c>).</summary>
public sealed class StatusClient
{
    private readonly ApiTransport _transport;

    internal StatusClient(ApiTransport transport) => _transport = transport;

    /// <summary>The leader's server address (<c>host:port</c>), or an empty string while there is none.</summary>
    public async Task<string> LeaderAsync(QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<string?>("v1/status/leader", options, null, cancellationToken).ConfigureAwait(false);
        return result.Value ?? "";
    }

    /// <summary>The server addresses of the Raft configuration.</summary>
    public async Task<IReadOnlyList<string>> PeersAsync(QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<List<string>?>("v1/status/peers", options, null, cancellationToken).ConfigureAwait(false);
        return result.Value ?? [];
    }
}
