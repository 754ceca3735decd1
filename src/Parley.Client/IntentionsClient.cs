using System.Text.Json.Nodes;

namespace Parley.Client;

/// <summary>
/// <c>/v1/connect/intentions</c> (Consul's <c>client.Connect()</c> intention calls). Intentions travel as JSON objects in
/// Consul's legacy shape (<c>ID</c>, <c>SourceName</c>, <c>SourcePeer</c>, <c>DestinationName</c>, <c>Action</c>, ...).
/// </summary>
public sealed class IntentionsClient
{
    private readonly ApiTransport _transport;

    internal IntentionsClient(ApiTransport transport) => _transport = transport;

    /// <summary>
    /// Whether a connection from <paramref name="source"/> to <paramref name="destination"/> is allowed (<c>GET
    /// /v1/connect/intentions/check</c>).
    /// </summary>
    /// <param name="source">The source service name.</param>
    /// <param name="destination">The destination service name.</param>
    /// <param name="options">Query options.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<bool> CheckAsync(
        string source, string destination, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        KeyValuePair<string, string?>[] parameters = [new("source", source), new("destination", destination)];
        var result = await _transport.QueryAsync<JsonObject?>("v1/connect/intentions/check", options, parameters, cancellationToken)
            .ConfigureAwait(false);
        return result.Value?["Allowed"] is JsonValue allowed && allowed.TryGetValue<bool>(out var value) && value;
    }
    /// <summary>Every intention, highest precedence first (<c>GET /v1/connect/intentions</c>).</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<List<JsonObject>?>("v1/connect/intentions", options, null, cancellationToken)
            .ConfigureAwait(false);
        return result.Value ?? [];
    }

    /// <summary>The intention with a legacy ID (<c>GET /v1/connect/intentions/:id</c>); null when there is none.</summary>
    public async Task<JsonObject?> GetAsync(string id, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var result = await _transport.QueryOrNotFoundAsync<JsonObject>(
            "v1/connect/intentions/" + Uri.EscapeDataString(id),
            options,
            cancellationToken)
            .ConfigureAwait(false);
        return result.Value;
    }

    /// <summary>
    /// The intention from <paramref name="source"/> (<c>name</c>, or <c>peer:PEER/name</c>) to <paramref name="destination"/>
    /// (<c>GET /v1/connect/intentions/exact</c>); null when there is none.
    /// </summary>
    public async Task<JsonObject?> GetExactAsync(
        string source, string destination, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryOrNotFoundAsync<JsonObject>(
            "v1/connect/intentions/exact",
            options,
            Exact(source, destination),
            cancellationToken)
            .ConfigureAwait(false);
        return result.Value;
    }

    /// <summary>The intentions that match each name, in evaluation order (<c>GET /v1/connect/intentions/match</c>).</summary>
    /// <param name="bySource">True to match by source, false by destination.</param>
    /// <param name="names">The names to match.</param>
    /// <param name="options">Query options.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<JsonObject> MatchAsync(
        bool bySource, IEnumerable<string> names, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var parameters = new List<KeyValuePair<string, string?>> { new("by", bySource ? "source" : "destination") };
        parameters.AddRange(names.Select(n => new KeyValuePair<string, string?>("name", n)));
        var result = await _transport.QueryAsync<JsonObject?>("v1/connect/intentions/match", options, parameters, cancellationToken)
            .ConfigureAwait(false);
        return result.Value ?? [];
    }

    /// <summary>Creates a legacy intention (<c>POST /v1/connect/intentions</c>) and returns its new ID.</summary>
    public async Task<string> CreateAsync(JsonObject intention, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intention);
        var answer = await _transport.WriteAsync<JsonObject?>(
            HttpMethod.Post,
            "v1/connect/intentions",
            intention,
            options,
            null,
            cancellationToken)
            .ConfigureAwait(false);
        return (string?)answer?["ID"] ?? "";
    }

    /// <summary>Replaces the legacy intention <paramref name="id"/> (<c>PUT /v1/connect/intentions/:id</c>).</summary>
    public Task UpdateAsync(string id, JsonObject intention, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(intention);
        return _transport.WriteAsync(
            HttpMethod.Put,
            "v1/connect/intentions/" + Uri.EscapeDataString(id),
            intention,
            options,
            null,
            cancellationToken);
    }

    /// <summary>Deletes the legacy intention <paramref name="id"/> (<c>DELETE /v1/connect/intentions/:id</c>).</summary>
    public Task DeleteAsync(string id, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return _transport.WriteAsync(
            HttpMethod.Delete,
            "v1/connect/intentions/" + Uri.EscapeDataString(id),
            null,
            options,
            null,
            cancellationToken);
    }

    /// <summary>
    /// Creates or replaces the intention from <paramref name="source"/> to <paramref name="destination"/> in the
    /// destination's <c>service-intentions</c> entry (<c>PUT /v1/connect/intentions/exact</c>).
    /// </summary>
    public Task UpsertExactAsync(
        string source, string destination, JsonObject intention, WriteOptions? options = null,
            CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intention);
        return _transport.WriteAsync(
            HttpMethod.Put,
            "v1/connect/intentions/exact",
            intention,
            options,
            Exact(source, destination),
            cancellationToken);
    }

    /// <summary>
    /// Deletes the intention from <paramref name="source"/> to <paramref name="destination"/> (<c>DELETE /v1/connect/intentions/exact</c>).
    /// </summary>
    public Task DeleteExactAsync(
        string source,
        string destination,
        WriteOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _transport.WriteAsync(
            HttpMethod.Delete,
            "v1/connect/intentions/exact",
            null,
            options,
            Exact(source, destination),
            cancellationToken);

    private static KeyValuePair<string, string?>[] Exact(string source, string destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        return [new("source", source), new("destination", destination)];
    }
}
