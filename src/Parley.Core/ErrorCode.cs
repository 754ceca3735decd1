namespace Parley.Core;

/// <summary>Why a Parley operation failed. Each code maps to one HTTP status and one gRPC status at the edges.</summary>
public enum ErrorCode
{
    /// <summary>The request is malformed or names something invalid (HTTP 400).</summary>
    InvalidArgument,

    /// <summary>The named object does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>The caller may not do this (HTTP 403).</summary>
    PermissionDenied,

    /// <summary>
    /// A domain rule refused the write, e.g. a config entry failed validation. Consul answers these with
    /// HTTP 500 and the reason as text, and clients match on that text, so Parley does too.
    /// </summary>
    Rejected,

    /// <summary>The operation needs a feature that is switched off, e.g. peering disabled (HTTP 400).</summary>
    FailedPrecondition,

    /// <summary>No leader, or a dependency is not ready yet; retrying may succeed (HTTP 503).</summary>
    Unavailable,
}
