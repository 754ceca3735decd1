using System.Net;
using Parley.Proxy.Forwarding.Http1;
using Yarp.ReverseProxy.Forwarder;

namespace Parley.Proxy.Forwarding;

/// <summary>
/// The HTTP client a sidecar uses to reach its local application: plain HTTP/1.1, or HTTP/2 without TLS (prior
/// knowledge) for <c>http2</c> and <c>grpc</c>, pooled connections, nothing a proxy must not do (redirects,
/// cookies, decompression, proxies).
/// </summary>
/// <remarks>Thread-safe; one per connect timeout, replaced when the timeout changes.</remarks>
internal sealed class LocalApplication : IDisposable
{
    private static readonly ForwarderRequestConfig Http1 = new()
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        ActivityTimeout = Http1Limits.LocalActivityTimeout,
    };

    private static readonly ForwarderRequestConfig Http2 = new()
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        ActivityTimeout = Http1Limits.LocalActivityTimeout,
    };

    public LocalApplication(TimeSpan connectTimeout)
    {
        ConnectTimeout = connectTimeout;
        Invoker = new HttpMessageInvoker(CreateHandler(connectTimeout), disposeHandler: true);
    }

    public TimeSpan ConnectTimeout { get; }

    public HttpMessageInvoker Invoker { get; }

    /// <summary>The request settings for a protocol: HTTP/2 for <c>http2</c> and <c>grpc</c>, HTTP/1.1 otherwise.</summary>
    public static ForwarderRequestConfig RequestConfig(string protocol) => protocol is "http2" or "grpc" ? Http2 : Http1;

    /// <summary>A handler with the proxy's settings; <paramref name="connectCallback"/> replaces plain dialing.</summary>
    public static SocketsHttpHandler CreateHandler(
        TimeSpan connectTimeout, Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connectCallback = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = connectTimeout,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ActivityHeadersPropagator = null,
        };
        if (connectCallback is not null)
        {
            handler.ConnectCallback = connectCallback;
        }

        return handler;
    }

    public void Dispose() => Invoker.Dispose();
}
