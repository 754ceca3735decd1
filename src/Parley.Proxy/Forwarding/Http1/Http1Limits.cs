namespace Parley.Proxy.Forwarding.Http1;

/// <summary>
/// The bounds of the lean HTTP/1.1 path, the same as the Kestrel listeners' so that a request is refused (or not) the
/// same way whichever path serves it.
/// </summary>
internal static class Http1Limits
{
    /// <summary>The longest request line (Kestrel's <c>MaxRequestLineSize</c>, 8 KiB); longer answers 414.</summary>
    public const int MaxRequestLine = 8 * 1024;

    /// <summary>
    /// The most header bytes in a request or response head (the proxy listeners' <c>MaxRequestHeadersTotalSize</c>:
    /// 96 KiB rather than Kestrel's 32 KiB, since XFCC elements carry PEM certificates); more answers 431.
    /// </summary>
    public const int MaxHeadersTotal = 96 * 1024;

    /// <summary>The most header fields in a head (Kestrel's <c>MaxRequestHeaderCount</c>, 100); more answers 431.</summary>
    public const int MaxHeaderCount = 100;

    /// <summary>The longest chunk-size line (size and extensions) in a chunked body.</summary>
    public const int MaxChunkLine = 4 * 1024;

    /// <summary>How long a kept-alive connection may wait for its next request (Kestrel's <c>KeepAliveTimeout</c>, 130 s).</summary>
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(130);

    /// <summary>How long a request head may take once it has started (Kestrel's <c>RequestHeadersTimeout</c>, 30 s).</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a request to the local application may go without any progress (the answer's head, or a body's bytes
    /// moving either way) before it is given up: 504 when nothing was answered yet, a cut connection after. The Kestrel +
    /// YARP path's <c>ActivityTimeout</c> for the local application, 1 hour: an application may think for long, but a hung
    /// one must not hold the caller's connection forever.
    /// </summary>
    public static readonly TimeSpan LocalActivityTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// The slowest a request body may arrive on average (Kestrel's <c>MinRequestBodyDataRate</c>, 240 bytes/s); slower answers 408.
    /// </summary>
    public const double MinRequestBodyBytesPerSecond = 240;

    /// <summary>
    /// How long a request body may be waited for before <see cref="MinRequestBodyBytesPerSecond"/> applies (Kestrel's grace period, 5 s).
    /// </summary>
    public static readonly TimeSpan MinRequestBodyGracePeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The largest unread request body skipped after an answer the proxy gives itself (403, 404, 503, ...) to keep the
    /// connection; a larger one, or one whose sender waits for <c>100 Continue</c>, closes the connection instead.
    /// </summary>
    public const int MaxSkippedBody = 64 * 1024;

    /// <summary>How long a pooled connection may stay idle before it is closed (as the YARP clients' pools: 1 minute).</summary>
    public static readonly TimeSpan PooledIdleTimeout = TimeSpan.FromMinutes(1);
}
