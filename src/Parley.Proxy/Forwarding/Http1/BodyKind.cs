namespace Parley.Proxy.Forwarding.Http1;

/// <summary>How a message's body is delimited (RFC 9112 section 6).</summary>
internal enum BodyKind
{
    /// <summary>No body.</summary>
    None,

    /// <summary>Exactly <c>Content-Length</c> bytes.</summary>
    ContentLength,

    /// <summary><c>Transfer-Encoding: chunked</c>, relayed chunk by chunk as received.</summary>
    Chunked,

    /// <summary>Everything until the sender closes (responses only).</summary>
    UntilClose,
}
