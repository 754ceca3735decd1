using Microsoft.Extensions.Logging;

namespace Parley.Proxy;

/// <content>The mesh gateway's log messages (7500-7999). Next free: 7505.</content>
internal static partial class ProxyLog
{
    private const int GatewayBase = 7500;

    [LoggerMessage(GatewayBase + 1, LogLevel.Information, "Mesh gateway listening on {Endpoint}")]
    public static partial void GatewayListening(this ILogger logger, string endpoint);

    [LoggerMessage(GatewayBase + 2, LogLevel.Debug, "Mesh gateway closed a connection (SNI {Sni}): {Reason}")]
    public static partial void GatewayConnectionClosed(this ILogger logger, string sni, string reason);

    [LoggerMessage(GatewayBase + 3, LogLevel.Debug, "Mesh gateway route {Sni}: connecting to {Endpoint} failed: {Error}")]
    public static partial void GatewayDialFailed(this ILogger logger, string sni, string endpoint, string error);

    [LoggerMessage(GatewayBase + 4, LogLevel.Debug, "Mesh gateway route {Sni} has no healthy endpoint")]
    public static partial void GatewayNoHealthyEndpoint(this ILogger logger, string sni);
}
