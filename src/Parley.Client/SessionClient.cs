namespace Parley.Client;

/// <summary><c>/v1/session</c> (Consul's <c>client.Session()</c>).</summary>
public sealed class SessionClient
{
    private readonly ApiTransport _transport;

    internal SessionClient(ApiTransport transport) => _transport = transport;

    /// <summary>Creates a session and returns its ID; fields left null take the agent's defaults.</summary>
    public async Task<string> CreateAsync(
        SessionEntry? entry = null,
        WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var created = await _transport.WriteAsync<Created>(
            HttpMethod.Put,
            "v1/session/create",
            entry ?? new SessionEntry(),
            options,
            null,
            cancellationToken)
            .ConfigureAwait(false);
        return created.ID;
    }

    /// <summary>Destroys a session: its locks are released or its keys deleted, by its Behavior.</summary>
    public Task DestroyAsync(string id, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return _transport.WriteAsync<bool>(
            HttpMethod.Put,
            "v1/session/destroy/" + Uri.EscapeDataString(id),
            null,
            options,
            null,
            cancellationToken);
    }

    /// <summary>Renews a TTL session; null when the session no longer exists (it expired or was destroyed).</summary>
    public async Task<SessionEntry?> RenewAsync(string id, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        try
        {
            var renewed = await _transport.WriteAsync<List<SessionEntry>?>(
                HttpMethod.Put, "v1/session/renew/" + Uri.EscapeDataString(id), null, options, null, cancellationToken)
                    .ConfigureAwait(false);
            return renewed?.FirstOrDefault();
        }
        catch (ParleyApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>One session; null when it does not exist.</summary>
    public async Task<QueryResult<SessionEntry?>> InfoAsync(
        string id,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var result = await _transport.QueryAsync<List<SessionEntry>?>(
            "v1/session/info/" + Uri.EscapeDataString(id),
            options,
            null,
            cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value?.FirstOrDefault(), result.Meta);
    }

    /// <summary>The sessions of one node.</summary>
    public async Task<QueryResult<IReadOnlyList<SessionEntry>>> NodeAsync(
        string node, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        var result = await _transport.QueryAsync<List<SessionEntry>?>(
            "v1/session/node/" + Uri.EscapeDataString(node),
            options,
            null,
            cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary>Every session.</summary>
    public async Task<QueryResult<IReadOnlyList<SessionEntry>>> ListAsync(
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<List<SessionEntry>?>("v1/session/list", options, null, cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    private sealed record Created(string ID);
}
