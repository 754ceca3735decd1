using Parley.Client;

namespace Parley.Cli;

/// <summary>Which exceptions from <see cref="ParleyClient"/> a command reports as an error message rather than a crash.</summary>
internal static class ClientErrors
{
    /// <summary>
    /// True for an agent's error answer (<see cref="ParleyApiException"/>, whose message is Consul's
    /// <c>Unexpected response code: N (body)</c>), an unreachable agent, or an answer that did not decode.
    /// </summary>
    public static bool IsReportable(Exception exception)
        => exception is ParleyApiException or HttpRequestException or System.Text.Json.JsonException;
}
