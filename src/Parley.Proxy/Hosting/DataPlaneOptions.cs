namespace Parley.Proxy.Hosting;

/// <summary>How a proxy's listeners serve traffic.</summary>
public sealed class DataPlaneOptions
{
    /// <summary>The environment variable that turns the lean path off when set to <c>0</c> (for A/B measurements).</summary>
    public const string LeanHttp1Variable = "PARLEY_PROXY_LEAN_HTTP1";

    /// <summary>
    /// Serve HTTP/1.1 on <c>http</c> listeners (a sidecar's upstreams and public listener) with the proxy's own pipe-level
    /// forwarder rather than Kestrel + YARP; HTTP/2, gRPC and what the lean path hands over still go through Kestrel.
    /// </summary>
    /// <value>Defaults to true.</value>
    public bool LeanHttp1 { get; init; } = true;

    /// <summary>The defaults, with <see cref="LeanHttp1"/> off when <see cref="LeanHttp1Variable"/> is <c>0</c>.</summary>
    public static DataPlaneOptions FromEnvironment() =>
        new() { LeanHttp1 = Environment.GetEnvironmentVariable(LeanHttp1Variable) != "0" };
}
