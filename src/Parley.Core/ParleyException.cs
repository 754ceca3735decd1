namespace Parley.Core;

/// <summary>A domain failure with a code the edges (HTTP, gRPC, CLI) map in one place each.</summary>
public class ParleyException(ErrorCode code, string message, Exception? inner = null) : Exception(message, inner)
{
    public ErrorCode Code { get; } = code;

    /// <summary>True when the same call may succeed if retried.</summary>
    public bool IsTransient => Code == ErrorCode.Unavailable;

    public static ParleyException Invalid(string message) => new(ErrorCode.InvalidArgument, message);

    public static ParleyException NotFound(string message) => new(ErrorCode.NotFound, message);

    public static ParleyException Rejected(string message) => new(ErrorCode.Rejected, message);
}
