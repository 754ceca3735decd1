using System.Text.Json.Nodes;

namespace Parley.Client;

/// <summary><c>/v1/discovery-chain</c>: the compiled routing of a service (Consul's <c>client.DiscoveryChain()</c>).</summary>
public sealed class DiscoveryChainClient
{
    private readonly ApiTransport _transport;

    internal DiscoveryChainClient(ApiTransport transport) => _transport = transport;

    /// <summary>
    /// The compiled chain of a service (<c>GET /v1/discovery-chain/:name</c>), as the agent's response object
    /// <c>{"Chain": {...}}</c>.
    /// </summary>
    /// <param name="service">The service name.</param>
    /// <param name="compileDatacenter">Compile as seen from this datacenter (<c>?compile-dc=</c>); null for the agent's.</param>
    /// <param name="options">Query options.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<QueryResult<JsonObject>> GetAsync(
        string service, string? compileDatacenter = null, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        KeyValuePair<string, string?>[]? parameters = compileDatacenter is { Length: > 0 } ? [new("compile-dc", compileDatacenter)] : null;
        var result = await _transport.QueryAsync<JsonObject?>(
            "v1/discovery-chain/" + ApiTransport.Escape(service), options, parameters, cancellationToken).ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }
}
