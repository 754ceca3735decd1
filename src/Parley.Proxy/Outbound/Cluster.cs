using System.Net.Security;
using Parley.Proxy.Config;
using Parley.Proxy.Forwarding;
using Parley.Proxy.Forwarding.Http1;
using Parley.Proxy.Tls;
using Yarp.ReverseProxy.Forwarder;

namespace Parley.Proxy.Outbound;

/// <summary>
/// One chain target as a dialable cluster (an Envoy cluster): its endpoints with health and weight, how to verify
/// it, and one pooled HTTP client whose connections are mesh mTLS connections (pooled per endpoint). Lives across
/// snapshots as long as its target and TLS identity stay the same, so pooled connections survive unrelated changes.
/// </summary>
/// <remarks>
/// <see cref="Update"/> swaps the target atomically; <see cref="Pick()"/> and dialing read it without locks. Endpoints
/// are picked at random in proportion to their weights, among the healthy ones only.
/// </remarks>
public sealed class Cluster : IDisposable
{
    private readonly Func<LeafCertificate> _leaf;
    private readonly TimeProvider _timeProvider;
    private readonly Action<string>? _onRefused;
    private State _state;

    /// <summary>A cluster for <paramref name="target"/>, presenting <paramref name="leaf"/> (read per dial).</summary>
    public Cluster(
        TargetSnapshot target, string protocol, Func<LeafCertificate> leaf, TimeProvider timeProvider, Action<string>? onRefused = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _leaf = leaf;
        _timeProvider = timeProvider;
        _onRefused = onRefused;
        _state = new State(target);
        Protocol = protocol;
        Key = KeyOf(target, protocol);
        RequestConfig = new ForwarderRequestConfig
        {
            Version = MeshHttpHandler.VersionFor(protocol),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            ActivityTimeout = TimeSpan.FromHours(1),
        };
        Invoker = new HttpMessageInvoker(
            MeshHttpHandler.Create(leaf, () => Target.Tls, () => Target.ConnectTimeout, timeProvider, onRefused), disposeHandler: true);
        Http1 = protocol == "http" ? new Http1ConnectionPool(timeProvider) : null;
    }

    /// <summary>What makes two clusters interchangeable: target, SNI, expected SANs and HTTP version.</summary>
    public string Key { get; }

    /// <summary>The protocol the cluster's HTTP client speaks (<c>http</c>, <c>http2</c>, <c>grpc</c>) or <c>tcp</c>.</summary>
    public string Protocol { get; }

    /// <summary>The target as last updated.</summary>
    public TargetSnapshot Target => Volatile.Read(ref _state).Target;

    /// <summary>True when some endpoint may receive traffic.</summary>
    public bool HasHealthyEndpoints => Volatile.Read(ref _state).TotalWeight > 0;

    /// <summary>The pooled HTTP client (HTTP/1.1, or HTTP/2 for <c>http2</c>/<c>grpc</c>).</summary>
    public HttpMessageInvoker Invoker { get; }

    /// <summary>The lean HTTP/1.1 path's idle mTLS connections per endpoint; null unless the protocol is <c>http</c>.</summary>
    internal Http1ConnectionPool? Http1 { get; }

    /// <summary>YARP's settings for requests through <see cref="Invoker"/>.</summary>
    public ForwarderRequestConfig RequestConfig { get; }

    /// <summary>The cluster key of a target for a protocol.</summary>
    public static string KeyOf(TargetSnapshot target, string protocol)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"{target.Id}|{target.Tls.Sni}|{string.Join(',', target.Tls.ExpectedSans)}|{MeshHttpHandler.VersionFor(protocol)}";
    }

    /// <summary>Replaces endpoints, health, weights, timeouts and trust.</summary>
    public void Update(TargetSnapshot target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Volatile.Write(ref _state, new State(target));
    }

    /// <summary>A healthy endpoint chosen by weight, or null when none is healthy.</summary>
    public ServiceEndpoint? Pick() => Volatile.Read(ref _state).Endpoints.Pick();

    /// <summary>A healthy endpoint chosen by weight, avoiding those already <paramref name="tried"/> while others are left.</summary>
    public ServiceEndpoint? Pick(IReadOnlyCollection<ServiceEndpoint> tried) => Volatile.Read(ref _state).Endpoints.Pick(tried);

    /// <summary>Opens a raw mTLS connection to <paramref name="endpoint"/> (TCP upstreams): no ALPN.</summary>
    public Task<SslStream> ConnectAsync(ServiceEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var target = Target;
        var options = MeshTls.ClientOptions(_leaf(), target.Tls with { ApplicationProtocols = [] }, _timeProvider);
        return MeshDialer.ConnectTlsAsync(
            Endpoints.Parse(endpoint.Address, endpoint.Port), options, target.ConnectTimeout, _timeProvider, cancellationToken);
    }

    /// <summary>Opens an mTLS connection to <paramref name="endpoint"/> for the lean HTTP/1.1 path (ALPN <c>http/1.1</c>).</summary>
    internal async Task<UpstreamConnection> ConnectHttp1Async(ServiceEndpoint endpoint, CancellationToken cancellationToken)
    {
        var target = Target;
        var options = MeshTls.ClientOptions(_leaf(), target.Tls, _timeProvider, _onRefused);
        var address = Endpoints.Parse(endpoint.Address, endpoint.Port);
        var socket = await MeshDialer.ConnectAsync(address, target.ConnectTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        var stream = await MeshDialer.HandshakeAsync(socket, address, options, _timeProvider, cancellationToken).ConfigureAwait(false);
        return new UpstreamConnection(stream, socket);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Invoker.Dispose();
        Http1?.Dispose();
    }

    // Everything a pick needs, swapped as one.
    private sealed class State(TargetSnapshot target)
    {
        public TargetSnapshot Target { get; } = target;

        public WeightedEndpoints Endpoints { get; } = new(target.Endpoints);

        public int TotalWeight => Endpoints.TotalWeight;
    }
}
