using Parley.Core;

namespace Parley.Api.Http;

/// <summary>An error with a fixed HTTP status and a plain-text reason, as Consul's handlers return them.</summary>
public sealed class ApiException(int statusCode, string reason) : Exception(reason)
{
    public int StatusCode { get; } = statusCode;

    public static ApiException BadRequest(string reason) => new(StatusCodes.Status400BadRequest, reason);

    public static ApiException NotFound(string reason) => new(StatusCodes.Status404NotFound, reason);

    /// <summary>The one mapping from domain error codes to HTTP statuses.</summary>
    public static int StatusFor(ErrorCode code) => code switch
    {
        ErrorCode.InvalidArgument => StatusCodes.Status400BadRequest,
        ErrorCode.FailedPrecondition => StatusCodes.Status400BadRequest,
        ErrorCode.NotFound => StatusCodes.Status404NotFound,
        ErrorCode.PermissionDenied => StatusCodes.Status403Forbidden,
        ErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
