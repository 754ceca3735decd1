namespace Parley.Proxy.Forwarding.Http1;

/// <summary>What reading a head from the bytes received so far gave.</summary>
internal enum HeadStatus
{
    /// <summary>A whole, valid head.</summary>
    Complete,

    /// <summary>Not all of it has arrived yet.</summary>
    Incomplete,

    /// <summary>Valid, but something the lean path leaves to Kestrel (HTTP/1.0, an upgrade, an absolute target).</summary>
    HandOver,

    /// <summary>Malformed: 400 and close.</summary>
    BadRequest,

    /// <summary>The request line is too long: 414 and close.</summary>
    UriTooLong,

    /// <summary>Too many or too large header fields: 431 and close.</summary>
    HeadersTooLarge,
}
