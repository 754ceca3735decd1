namespace Parley.Proxy.Config;

/// <summary>The public listener and where it forwards: Consul's <c>Address:Port</c> of the proxy and <c>LocalService*</c>.</summary>
/// <param name="BindAddress">The proxy registration's address, or <c>0.0.0.0</c> (Consul's built-in proxy).</param>
/// <param name="BindPort">The proxy registration's port.</param>
/// <param name="LocalServiceAddress">The application's address (<c>127.0.0.1</c> by default).</param>
/// <param name="LocalServicePort">The application's port.</param>
/// <param name="Protocol"><c>tcp</c> (L4: authorize per connection, pipe bytes) or <c>http</c>/<c>http2</c>/<c>grpc</c> (L7: per
/// request).</param>
/// <param name="LocalConnectTimeout">How long dialing the application may take (<c>local_connect_timeout_ms</c>, 5 s).</param>
public sealed record InboundSnapshot(
    string BindAddress,
    int BindPort,
    string LocalServiceAddress,
    int LocalServicePort,
    string Protocol,
    TimeSpan LocalConnectTimeout)
{
    /// <summary>The default of <see cref="LocalConnectTimeout"/> (Consul's Envoy path: 5000 ms).</summary>
    public static readonly TimeSpan DefaultLocalConnectTimeout = TimeSpan.FromSeconds(5);
}
