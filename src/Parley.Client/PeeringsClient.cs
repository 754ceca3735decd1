namespace Parley.Client;

/// <summary><c>/v1/peering</c>: generate, establish, read, list and delete peerings (Consul's <c>client.Peerings()</c>).</summary>
public sealed class PeeringsClient
{
    private readonly ApiTransport _transport;

    internal PeeringsClient(ApiTransport transport) => _transport = transport;

    /// <summary>
    /// Creates (or reuses) a PENDING peering and returns a fresh single-use token for the peer (<c>POST /v1/peering/token</c>).
    /// </summary>
    public async Task<PeeringGenerateTokenResponse> GenerateTokenAsync(
        PeeringGenerateTokenRequest request, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.PeerName, nameof(request));
        var response = await _transport.WriteAsync<PeeringGenerateTokenResponse?>(
            HttpMethod.Post, "v1/peering/token", request, options, null, cancellationToken).ConfigureAwait(false);
        return response ?? new PeeringGenerateTokenResponse();
    }

    /// <summary>
    /// Establishes a peering with a token the peer generated (<c>POST /v1/peering/establish</c>); returns once the
    /// secret exchange with the peer succeeded.
    /// </summary>
    public Task EstablishAsync(PeeringEstablishRequest request, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.PeerName, nameof(request));
        return _transport.WriteAsync(HttpMethod.Post, "v1/peering/establish", request, options, null, cancellationToken);
    }

    /// <summary>Reads one peering (<c>GET /v1/peering/:name</c>); the value is null when there is no such peering.</summary>
    public Task<QueryResult<Peering?>> ReadAsync(string name, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _transport.QueryOrNotFoundAsync<Peering>("v1/peering/" + ApiTransport.Escape(name), options, cancellationToken);
    }

    /// <summary>Lists all peerings, sorted by name (<c>GET /v1/peerings</c>).</summary>
    public async Task<QueryResult<IReadOnlyList<Peering>>> ListAsync(
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<List<Peering>?>("v1/peerings", options, null, cancellationToken).ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary>
    /// A Parley addition: the steps of the path a service takes to or from the peer (<c>GET /v1/peering/:name/doctor</c>),
    /// with <paramref name="service"/> followed when given.
    /// </summary>
    public async Task<PeeringDoctorReport> DoctorAsync(
        string name,
        string? service = null,
        QueryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var parameters = string.IsNullOrEmpty(service) ? null : new[] { new KeyValuePair<string, string?>("service", service) };
        var result = await _transport.QueryAsync<PeeringDoctorReport?>(
            "v1/peering/" + ApiTransport.Escape(name) + "/doctor", options, parameters, cancellationToken).ConfigureAwait(false);
        return result.Value ?? new PeeringDoctorReport();
    }

    /// <summary>Marks a peering for deletion (<c>DELETE /v1/peering/:name</c>); succeeds also when there is no such peering.</summary>
    public Task DeleteAsync(string name, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _transport.WriteAsync(HttpMethod.Delete, "v1/peering/" + ApiTransport.Escape(name), null, options, null, cancellationToken);
    }
}
