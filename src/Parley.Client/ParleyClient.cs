using System.Net;
using System.Text.Json;

namespace Parley.Client;

/// <summary>
/// A typed client of Parley's (and Consul's) HTTP API, shaped like Consul's Go <c>api</c> package: one property per
/// area (<see cref="Agent"/>, <see cref="Catalog"/>, <see cref="Peerings"/>, ...). Reads return a
/// <see cref="QueryResult{T}"/> where the agent sends query metadata; a non-2xx answer throws
/// <see cref="ParleyApiException"/>, an unreachable agent <see cref="HttpRequestException"/>.
/// </summary>
/// <remarks>Thread-safe. Create one per agent address and reuse it; dispose it when done.</remarks>
public sealed class ParleyClient : IDisposable
{
    private readonly HttpClient _httpClient;
    private readonly ApiTransport _transport;

    /// <summary>A client configured from the environment (<see cref="ParleyClientOptions.FromEnvironment"/>).</summary>
    public ParleyClient()
        : this(ParleyClientOptions.FromEnvironment())
    {
    }

    /// <summary>A client for the given options.</summary>
    /// <exception cref="IOException">A TLS file of the options (CA, client certificate or key) cannot be loaded.</exception>
    public ParleyClient(ParleyClientOptions options)
        : this(options, CreateHandler(options), disposeHandler: true)
    {
    }

    /// <summary>A client that sends through <paramref name="handler"/> (for tests or custom TLS).</summary>
    /// <param name="options">Address and token.</param>
    /// <param name="handler">The handler requests go through.</param>
    /// <param name="disposeHandler">Whether disposing the client disposes the handler.</param>
    public ParleyClient(ParleyClientOptions options, HttpMessageHandler handler, bool disposeHandler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        Options = options;
        _httpClient = new HttpClient(handler, disposeHandler)
        {
            BaseAddress = options.GetBaseUri(),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _transport = new ApiTransport(_httpClient, options.Token);
        Status = new StatusClient(_transport);
        Agent = new AgentClient(_transport);
        Catalog = new CatalogClient(_transport);
        Health = new HealthClient(_transport);
        ConfigEntries = new ConfigEntriesClient(_transport);
        Peerings = new PeeringsClient(_transport);
        DiscoveryChain = new DiscoveryChainClient(_transport);
        Intentions = new IntentionsClient(_transport);
        Connect = new ConnectClient(_transport);
        Operator = new OperatorClient(_transport);
        Snapshot = new SnapshotClient(_transport, options.Token);
        ACL = new ACLClient(_transport);
        KV = new KVClient(_transport);
        Session = new SessionClient(_transport);
    }

    /// <summary>The options this client was built with.</summary>
    public ParleyClientOptions Options { get; }

    /// <summary>The base address requests go to.</summary>
    public Uri BaseAddress => _httpClient.BaseAddress!;

    /// <summary><c>/v1/status</c>.</summary>
    public StatusClient Status { get; }

    /// <summary><c>/v1/agent</c>.</summary>
    public AgentClient Agent { get; }

    /// <summary><c>/v1/kv</c>.</summary>
    public KVClient KV { get; }

    /// <summary><c>/v1/session</c>.</summary>
    public SessionClient Session { get; }

    /// <summary><c>/v1/catalog</c>.</summary>
    public CatalogClient Catalog { get; }

    /// <summary><c>/v1/health</c>.</summary>
    public HealthClient Health { get; }

    /// <summary><c>/v1/config</c>.</summary>
    public ConfigEntriesClient ConfigEntries { get; }

    /// <summary><c>/v1/peering</c> and <c>/v1/peerings</c>.</summary>
    public PeeringsClient Peerings { get; }

    /// <summary><c>/v1/discovery-chain</c>.</summary>
    public DiscoveryChainClient DiscoveryChain { get; }

    /// <summary><c>/v1/connect/intentions</c>.</summary>
    public IntentionsClient Intentions { get; }

    /// <summary><c>/v1/connect/ca</c>: the CA's roots and configuration.</summary>
    public ConnectClient Connect { get; }

    /// <summary><c>/v1/operator</c>.</summary>
    public OperatorClient Operator { get; }

    /// <summary><c>/v1/snapshot</c>.</summary>
    public SnapshotClient Snapshot { get; }

    /// <summary><c>/v1/acl</c>.</summary>
    public ACLClient ACL { get; }

    /// <summary>The services this cluster exports and their consumers (<c>GET /v1/exported-services</c>).</summary>
    public async Task<QueryResult<IReadOnlyList<ResolvedExportedService>>> ExportedServicesAsync(
        QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<List<ResolvedExportedService>?>("v1/exported-services", options, null, cancellationToken)
            .ConfigureAwait(false);
        return new(result.Value ?? [], result.Meta);
    }

    /// <summary>
    /// The services this cluster imports from peers (<c>GET /v1/imported-services</c>). Accepts both the bare array
    /// and the <c>{"ImportedServices": [...]}</c> shape.
    /// </summary>
    public async Task<QueryResult<IReadOnlyList<ImportedService>>> ImportedServicesAsync(
        QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _transport.QueryAsync<JsonElement>("v1/imported-services", options, null, cancellationToken)
            .ConfigureAwait(false);
        var list = result.Value.ValueKind switch
        {
            JsonValueKind.Array => result.Value.Deserialize<List<ImportedService>>(ParleyJson.Options),
            JsonValueKind.Object when TryGetProperty(result.Value, "ImportedServices", out var inner)
                && inner.ValueKind == JsonValueKind.Array
                => inner.Deserialize<List<ImportedService>>(ParleyJson.Options),
            _ => null,
        };
        return new(list ?? [], result.Meta);
    }

    /// <inheritdoc/>
    public void Dispose() => _httpClient.Dispose();

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static SocketsHttpHandler CreateHandler(ParleyClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.All,
            UseProxy = false,
        };
        ClientTls.Apply(handler.SslOptions, options);
        return handler;
    }
}
