namespace Parley.Core.ConfigEntries;

/// <summary>Where a route sends matching requests and how (timeouts, retries, header changes).</summary>
public sealed record ServiceRouteDestination
{
    public string Service { get; init; } = "";

    public string ServiceSubset { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Partition { get; init; } = "";

    public string PrefixRewrite { get; init; } = "";

    public TimeSpan RequestTimeout { get; init; }

    public TimeSpan IdleTimeout { get; init; }

    public int NumRetries { get; init; }

    public bool RetryOnConnectFailure { get; init; }

    public IReadOnlyList<string> RetryOn { get; init; } = [];

    public IReadOnlyList<int> RetryOnStatusCodes { get; init; } = [];

    public HttpHeaderModifiers? RequestHeaders { get; init; }

    public HttpHeaderModifiers? ResponseHeaders { get; init; }
}
