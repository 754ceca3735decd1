using System.Globalization;

namespace Parley.Client;

/// <summary>
/// <c>/v1/kv</c> (Consul's <c>client.KV()</c>): reads of a key, a prefix or its keys, and writes answering whether
/// they took effect (check-and-set, lock acquire and release).
/// </summary>
public sealed class KVClient
{
    private readonly ApiTransport _transport;

    internal KVClient(ApiTransport transport) => _transport = transport;

    /// <summary>One key (<c>GET /v1/kv/:key</c>); <c>null</c> when it does not exist.</summary>
    public async Task<QueryResult<KVPair?>> GetAsync(
        string key,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var result = await _transport.QueryOrNotFoundAsync<List<KVPair>>(Path(key), options, cancellationToken).ConfigureAwait(false);
        return new(result.Value?.FirstOrDefault(), result.Meta);
    }

    /// <summary>Every pair under a prefix (<c>?recurse</c>); empty when there is none.</summary>
    public async Task<QueryResult<IReadOnlyList<KVPair>>> ListAsync(
        string prefix, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryOrNotFoundAsync<List<KVPair>>(Path(prefix), options, [new("recurse", null)], cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary>The keys under a prefix (<c>?keys</c>), cut after <paramref name="separator"/> when one is given.</summary>
    public async Task<QueryResult<IReadOnlyList<string>>> KeysAsync(
        string prefix, string? separator = null, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        List<KeyValuePair<string, string?>> parameters = [new("keys", null)];
        if (!string.IsNullOrEmpty(separator))
        {
            parameters.Add(new("separator", separator));
        }

        var result = await _transport.QueryOrNotFoundAsync<List<string>>(Path(prefix), options, parameters, cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary>Writes a pair (its <see cref="KVPair.Value"/> and <see cref="KVPair.Flags"/>); a lock holder keeps the lock.</summary>
    public Task PutAsync(KVPair pair, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(pair, [], options, cancellationToken);

    /// <summary>Writes only if the key's ModifyIndex equals the pair's (0: only if the key does not exist).</summary>
    public Task<bool> CasAsync(KVPair pair, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(pair, [new("cas", Number(pair.ModifyIndex))], options, cancellationToken);

    /// <summary>Acquires the key's lock for the pair's <see cref="KVPair.Session"/> and writes the value.</summary>
    public Task<bool> AcquireAsync(KVPair pair, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(pair, [new("acquire", RequireSession(pair))], options, cancellationToken);

    /// <summary>Releases the key's lock held by the pair's <see cref="KVPair.Session"/> and writes the value.</summary>
    public Task<bool> ReleaseAsync(KVPair pair, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(pair, [new("release", RequireSession(pair))], options, cancellationToken);

    /// <summary>Deletes one key.</summary>
    public Task DeleteAsync(string key, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _transport.WriteAsync<bool>(HttpMethod.Delete, Path(key), null, options, null, cancellationToken);
    }

    /// <summary>Deletes the key only if its ModifyIndex equals <paramref name="modifyIndex"/>.</summary>
    public Task<bool> DeleteCasAsync(
        string key,
        ulong modifyIndex,
        WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _transport.WriteAsync<bool>(
            HttpMethod.Delete,
            Path(key),
            null,
            options,
            [new("cas", Number(modifyIndex))],
            cancellationToken);
    }

    /// <summary>Deletes every key under a prefix ("" deletes everything).</summary>
    public Task DeleteTreeAsync(string prefix, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _transport.WriteAsync<bool>(HttpMethod.Delete, Path(prefix), null, options, [new("recurse", null)], cancellationToken);

    private async Task<bool> WriteAsync(
        KVPair pair, List<KeyValuePair<string, string?>> parameters, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentException.ThrowIfNullOrEmpty(pair.Key);
        if (pair.Flags != 0)
        {
            parameters.Add(new("flags", Number(pair.Flags)));
        }

        return await _transport.WriteAsync<bool>(HttpMethod.Put, Path(pair.Key), pair.Value ?? [], options, parameters, cancellationToken)
            .ConfigureAwait(false);
    }

    private static string RequireSession(KVPair pair) =>
        pair.Session is { Length: > 0 } session ? session : throw new ArgumentException("The pair names no session.", nameof(pair));

    private static string Path(string key) => "v1/kv/" + ApiTransport.Escape(key.TrimStart('/'));

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
