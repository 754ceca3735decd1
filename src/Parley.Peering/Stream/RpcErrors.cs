using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Parley.Peering.Stream;

/// <summary>The gRPC errors of the peer stream, in one place, with Consul's codes and texts.</summary>
public static class RpcErrors
{
    /// <summary>The trailer that carries a <c>google.rpc.Status</c> with details (gRPC's rich error model).</summary>
    public const string StatusDetailsTrailer = "grpc-status-details-bin";

    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException Internal(string message) => new(new Status(StatusCode.Internal, message));

    /// <summary>
    /// This server is not the leader: <c>FailedPrecondition</c> with a <see cref="V1.LeaderAddress"/> detail naming
    /// where the leader probably is, so the dialer can move on quickly (its fast-retry path).
    /// </summary>
    public static RpcException NotLeader(string message, string? leaderAddress)
    {
        var status = new V1.RpcStatus { Code = (int)StatusCode.FailedPrecondition, Message = message };
        status.Details.Add(Any.Pack(new V1.LeaderAddress { Address = leaderAddress ?? "" }));
        var trailers = new Metadata { { StatusDetailsTrailer, status.ToByteArray() } };
        return new RpcException(new Status(StatusCode.FailedPrecondition, message), trailers);
    }

    /// <summary>The leader address carried by a <see cref="NotLeader"/> error, if any.</summary>
    public static string? LeaderAddress(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var bytes = exception.Trailers.GetValueBytes(StatusDetailsTrailer);
        if (bytes is null)
        {
            return null;
        }

        var status = V1.RpcStatus.Parser.ParseFrom(bytes);
        return status.Details.FirstOrDefault(d => d.Is(V1.LeaderAddress.Descriptor))?.Unpack<V1.LeaderAddress>().Address;
    }

    /// <summary>The text a person reads for a failed stream: the status detail, else the exception's message.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        RpcException rpc => rpc.Status.Detail.Length > 0 ? rpc.Status.Detail : rpc.StatusCode.ToString(),
        _ => exception.Message,
    };
}
