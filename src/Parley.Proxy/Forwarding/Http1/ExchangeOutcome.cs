namespace Parley.Proxy.Forwarding.Http1;

/// <summary>How forwarding one request on one upstream connection ended.</summary>
internal enum ExchangeOutcome
{
    /// <summary>The response was relayed whole; the client connection may carry the next request.</summary>
    KeepAlive,

    /// <summary>The response was relayed (or given up after it started); the client connection must close.</summary>
    Close,

    /// <summary>A pooled connection failed before any answer and the request can be sent again on a fresh one.</summary>
    Stale,

    /// <summary>The answer had a status the route retries; it was discarded, nothing reached the client.</summary>
    RetryStatus,

    /// <summary>The upstream failed before answering; nothing reached the client, which may still be answered.</summary>
    Failed,

    /// <summary>The request timeout fired before the answer started; nothing reached the client.</summary>
    TimedOut,
}
