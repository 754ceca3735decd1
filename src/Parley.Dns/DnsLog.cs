using System.Net;
using Microsoft.Extensions.Logging;

namespace Parley.Dns;

/// <summary>The DNS interface's log messages.</summary>
internal static partial class DnsLog
{
    private const int Base = 8000; // Dns owns 8000-8999. Next free: 8005.

    [LoggerMessage(Base + 1, LogLevel.Information, "DNS listening on {Endpoint} (UDP and TCP) for {Domain}")]
    public static partial void Listening(this ILogger logger, IPEndPoint endpoint, string domain);

    [LoggerMessage(Base + 2, LogLevel.Warning, "DNS recursor {Recursor} failed for {Question}: {Reason}")]
    public static partial void RecursorFailed(this ILogger logger, IPEndPoint recursor, string question, string reason);

    [LoggerMessage(Base + 3, LogLevel.Error, "DNS query {Question} failed")]
    public static partial void QueryFailed(this ILogger logger, Exception exception, string question);

    [LoggerMessage(Base + 4, LogLevel.Warning, "DNS server error")]
    public static partial void ServerError(this ILogger logger, Exception exception);
}
