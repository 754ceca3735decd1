using Grpc.Core;
using Parley.Core.Peering;

namespace Parley.Peering;

/// <summary>Maps gRPC failures to the <see cref="PeeringFailureKind"/> that picks the dialer's retry delay.</summary>
public static class PeeringFailureKinds
{
    /// <summary>The kind for a gRPC status code.</summary>
    public static PeeringFailureKind FromStatusCode(StatusCode code) => code switch
    {
        StatusCode.FailedPrecondition => PeeringFailureKind.FailedPrecondition,
        StatusCode.ResourceExhausted => PeeringFailureKind.ResourceExhausted,
        _ => PeeringFailureKind.Other,
    };

    /// <summary>The kind for a failed attempt: an <see cref="RpcException"/>'s code, else <see cref="PeeringFailureKind.Other"/>.</summary>
    public static PeeringFailureKind FromException(Exception exception) =>
        exception is RpcException rpc ? FromStatusCode(rpc.StatusCode) : PeeringFailureKind.Other;
}
