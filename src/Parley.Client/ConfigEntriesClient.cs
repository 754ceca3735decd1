using System.Globalization;
using System.Text.Json.Nodes;

namespace Parley.Client;

/// <summary>
/// <c>/v1/config</c>: config entries of every kind, handled as JSON objects with a <c>Kind</c> and a <c>Name</c>
/// (Consul's <c>client.ConfigEntries()</c>). The agent validates and decodes them.
/// </summary>
public sealed class ConfigEntriesClient
{
    private readonly ApiTransport _transport;

    internal ConfigEntriesClient(ApiTransport transport) => _transport = transport;

    /// <summary>
    /// Creates or replaces an entry (<c>PUT /v1/config</c>); with <paramref name="cas"/>, only if the stored entry's
    /// <c>ModifyIndex</c> equals it (0: only if there is none).
    /// </summary>
    /// <returns>Whether the entry was written; false when the check-and-set lost.</returns>
    public async Task<bool> SetAsync(
        JsonObject entry, ulong? cas = null, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var answer = await _transport.WriteAsync<JsonNode?>(
            HttpMethod.Put,
            "v1/config",
            entry,
            options,
            CasParameter(cas),
            cancellationToken)
            .ConfigureAwait(false);
        return AsBool(answer);
    }

    /// <summary>Reads one entry (<c>GET /v1/config/:kind/:name</c>); a missing entry is a 404 <see cref="ParleyApiException"/>.</summary>
    public async Task<QueryResult<JsonObject>> GetAsync(
        string kind, string name, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var result = await _transport.QueryAsync<JsonObject?>(
            $"v1/config/{ApiTransport.Escape(kind)}/{ApiTransport.Escape(name)}", options, null, cancellationToken).ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary>Lists the entries of one kind (<c>GET /v1/config/:kind</c>).</summary>
    public async Task<QueryResult<IReadOnlyList<JsonObject>>> ListAsync(
        string kind, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var result = await _transport.QueryAsync<List<JsonObject>?>(
            "v1/config/" + ApiTransport.Escape(kind),
            options,
            null,
            cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary>
    /// Deletes an entry (<c>DELETE /v1/config/:kind/:name</c>); with <paramref name="cas"/>, only if its
    /// <c>ModifyIndex</c> equals it.
    /// </summary>
    /// <returns>Whether the entry was deleted; false when the check-and-set lost.</returns>
    public async Task<bool> DeleteAsync(
        string kind, string name, ulong? cas = null, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var answer = await _transport.WriteAsync<JsonNode?>(
            HttpMethod.Delete, $"v1/config/{ApiTransport.Escape(kind)}/{ApiTransport.Escape(name)}", null, options, CasParameter(cas),
            cancellationToken).ConfigureAwait(false);
        return AsBool(answer);
    }

    private static KeyValuePair<string, string?>[]? CasParameter(ulong? cas)
        => cas is { } index ? [new("cas", index.ToString(CultureInfo.InvariantCulture))] : null;

    // A plain write or delete answers `{}` (or nothing); only check-and-set answers true/false.
    private static bool AsBool(JsonNode? answer)
        => answer is not JsonValue value || !value.TryGetValue<bool>(out var written) || written;
}
