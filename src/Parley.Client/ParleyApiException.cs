using System.Net;

namespace Parley.Client;

/// <summary>
/// The agent answered with a status outside 2xx. <see cref="Exception.Message"/> is Consul's api client text,
/// <c>Unexpected response code: &lt;code&gt; (&lt;body&gt;)</c>, which the CLI embeds in its own messages.
/// </summary>
public sealed class ParleyApiException : Exception
{
    /// <summary>Creates the exception for a response.</summary>
    /// <param name="statusCode">The HTTP status the agent returned.</param>
    /// <param name="body">The response body, trimmed of surrounding white space.</param>
    public ParleyApiException(HttpStatusCode statusCode, string body)
        : base($"Unexpected response code: {(int)statusCode} ({body})")
    {
        StatusCode = statusCode;
        Body = body;
    }

    /// <summary>The HTTP status the agent returned.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response body (usually the agent's plain-text error), trimmed.</summary>
    public string Body { get; }
}
