namespace Parley.Client;

public sealed partial class AgentClient
{
    /// <summary>
    /// The CA roots as this agent knows them (<c>GET /v1/agent/connect/ca/roots</c>); blocks with <see cref="QueryOptions.Index"/>.
    /// </summary>
    public async Task<QueryResult<CARootList>> ConnectCaRootsAsync(
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<CARootList?>("v1/agent/connect/ca/roots", options, null, cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? new CARootList(), result.Meta);
    }

    /// <summary>
    /// The leaf certificate for a service, by service name (<c>GET /v1/agent/connect/ca/leaf/:service</c>). With
    /// <see cref="QueryOptions.Index"/> set to the last <see cref="QueryMeta.LastIndex"/> it returns when the agent has a new
    /// leaf (renewal or CA rotation) or the wait ends.
    /// </summary>
    public Task<QueryResult<LeafCert>> ConnectCaLeafAsync(
        string service,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        return LeafAsync("v1/agent/connect/ca/leaf/" + ApiTransport.Escape(service), options, cancellationToken);
    }

    /// <summary>
    /// The mesh gateway's leaf certificate, URI SAN <c>spiffe://&lt;td&gt;/gateway/mesh/dc/&lt;dc&gt;</c> (Parley's
    /// <c>GET /v1/agent/connect/ca/leaf-kind/mesh-gateway</c>); blocks as <see cref="ConnectCaLeafAsync"/>.
    /// </summary>
    public Task<QueryResult<LeafCert>> MeshGatewayLeafAsync(QueryOptions? options = null, CancellationToken cancellationToken = default) =>
        LeafAsync("v1/agent/connect/ca/leaf-kind/mesh-gateway", options, cancellationToken);

    /// <summary>
    /// The trust bundles received from peers (Parley's <c>GET /v1/agent/connect/ca/peer-trust-bundles</c>), sorted by peer
    /// name; with <paramref name="service"/>, only those of the peers that service is exported to (what its sidecar trusts
    /// inbound). Blocks with <see cref="QueryOptions.Index"/>.
    /// </summary>
    public async Task<QueryResult<IReadOnlyList<PeeringTrustBundle>>> PeerTrustBundlesAsync(
        string? service = null, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        KeyValuePair<string, string?>[]? parameters = service is { Length: > 0 } ? [new("service", service)] : null;
        var result = await _transport.QueryAsync<List<PeeringTrustBundle>?>(
            "v1/agent/connect/ca/peer-trust-bundles",
            options,
            parameters,
            cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary>
    /// Whether a caller may connect to a service (<c>POST /v1/agent/connect/authorize</c>). Peer-aware in Parley: a
    /// caller under a peer's trust domain is judged as that peer's service.
    /// </summary>
    public async Task<AgentAuthorize> ConnectAuthorizeAsync(AgentAuthorizeParams request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = await _transport.WriteAsync<AgentAuthorize?>(
            HttpMethod.Post,
            "v1/agent/connect/authorize",
            request,
            null,
            null,
            cancellationToken)
            .ConfigureAwait(false);
        return answer ?? new AgentAuthorize();
    }

    private async Task<QueryResult<LeafCert>> LeafAsync(string path, QueryOptions? options, CancellationToken cancellationToken)
    {
        var result = await _transport.QueryAsync<LeafCert?>(path, options, null, cancellationToken).ConfigureAwait(false);
        return new(result.Value ?? new LeafCert(), result.Meta);
    }
}
