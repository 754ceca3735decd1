using System.Text.Json.Nodes;

namespace Parley.Client;

/// <summary><c>/v1/connect/intentions</c>: whether the intentions allow a connection (Consul's <c>client.Connect()</c> intention calls).</summary>
public sealed class IntentionsClient
{
    private readonly ApiTransport _transport;

    internal IntentionsClient(ApiTransport transport) => _transport = transport;

    /// <summary>Whether a connection from <paramref name="source"/> to <paramref name="destination"/> is allowed (<c>GET /v1/connect/intentions/check</c>).</summary>
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
}
