namespace Parley.Core.Peering;

/// <summary>How a stream attempt failed, as far as the retry delay cares (the gRPC status code, coarsely).</summary>
public enum PeeringFailureKind
{
    /// <summary>Any other failure: exponential backoff in seconds.</summary>
    Other,

    /// <summary>gRPC <c>FailedPrecondition</c>, e.g. the dial landed on a follower: retry fast.</summary>
    FailedPrecondition,

    /// <summary>gRPC <c>ResourceExhausted</c>: the peer is rate limiting, wait the fast-retry maximum.</summary>
    ResourceExhausted,
}
