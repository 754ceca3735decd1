namespace Parley.Proxy.Hosting;

/// <summary>How a proxy's listeners serve traffic.</summary>
public sealed class DataPlaneOptions
{
    /// <summary>The environment variable that turns the lean path off when set to <c>0</c> (for A/B measurements).</summary>
    public const string LeanHttp1Variable = "PARLEY_PROXY_LEAN_HTTP1";

    /// <summary>The environment variable that turns inline scheduling off when set to <c>0</c> (for A/B measurements).</summary>
    public const string InlineVariable = "PARLEY_PROXY_INLINE";

    /// <summary>
    /// The runtime's switch that completes socket operations on its event threads (read once, at the first socket operation).
    /// </summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Serve HTTP/1.1 on <c>http</c> listeners (a sidecar's upstreams and public listener) with the proxy's own pipe-level
    /// forwarder rather than Kestrel + YARP; HTTP/2, gRPC and what the lean path hands over still go through Kestrel.
    /// </summary>
    /// <value>Defaults to true.</value>
    public bool LeanHttp1 { get; init; } = true;

    /// <summary>
    /// Run the listeners' connection code where the socket completes rather than on another thread pool thread (Kestrel's
    /// <c>UnsafePreferInlineScheduling</c>, and no zero-byte read before each receive). In a proxy process prepared by
    /// <see cref="PrepareProcess"/> sockets also complete on the runtime's event threads, so a request is parsed,
    /// judged and forwarded on the thread that saw its bytes arrive, as an event-loop proxy does.
    /// </summary>
    /// <value>Defaults to true.</value>
    public bool InlineScheduling { get; init; } = true;

    /// <summary>
    /// The defaults, with each option off when its variable (<see cref="LeanHttp1Variable"/>, <see cref="InlineVariable"/>) is <c>0</c>.
    /// </summary>
    public static DataPlaneOptions FromEnvironment(Func<string, string?>? getEnvironmentVariable = null)
    {
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        return new()
        {
            LeanHttp1 = getEnvironmentVariable(LeanHttp1Variable) != "0",
            InlineScheduling = getEnvironmentVariable(InlineVariable) != "0",
        };
    }

    /// <summary>
    /// What a proxy process sets before its first socket operation: <see cref="InlineCompletionsVariable"/> = <c>1</c>,
    /// unless inline scheduling is off or the variable is already set (an operator's choice wins). Null when nothing is to be set.
    /// </summary>
    public static string? InlineCompletionsFor(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var wanted = FromEnvironment(getEnvironmentVariable).InlineScheduling;
        return wanted && getEnvironmentVariable(InlineCompletionsVariable) is null ? "1" : null;
    }

    /// <summary>
    /// Prepares this process to be a proxy (<see cref="InlineCompletionsFor"/>). Call it first thing in the process: the
    /// runtime reads the variable once, at the first socket operation, so later calls change nothing.
    /// </summary>
    public static void PrepareProcess()
    {
        if (InlineCompletionsFor(Environment.GetEnvironmentVariable) is { } value)
        {
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, value);
        }
    }
}
