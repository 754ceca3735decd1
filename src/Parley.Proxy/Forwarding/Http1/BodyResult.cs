namespace Parley.Proxy.Forwarding.Http1;

/// <summary>How relaying one body ended.</summary>
internal enum BodyResult
{
    /// <summary>The whole body went through.</summary>
    Complete,

    /// <summary>The sender stopped (closed or failed) before the body's end.</summary>
    SourceFailed,

    /// <summary>The body broke its framing (a bad chunk).</summary>
    Malformed,

    /// <summary>The receiver could not take it (closed or failed).</summary>
    DestinationFailed,
}
