using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Parley.Proxy.Forwarding;

/// <summary>The answers a proxy gives when it cannot forward, in Envoy's words (what Consul users see).</summary>
internal static class ForwardingErrors
{
    /// <summary>Envoy's body for an L7 intention denial.</summary>
    public const string AccessDenied = "RBAC: access denied";

    /// <summary>Envoy's body when no healthy endpoint exists.</summary>
    public const string NoHealthyUpstream = "no healthy upstream";

    /// <summary>Envoy's body when the upstream could not be reached.</summary>
    public const string ConnectFailure = "upstream connect error or disconnect/reset before headers. reset reason: connection failure";

    /// <summary>Envoy's body when the request timeout fired.</summary>
    public const string Timeout = "upstream request timeout";

    /// <summary>Writes <paramref name="status"/> with a plain-text body, unless the response has started.</summary>
    public static Task WriteAsync(HttpContext context, int status, string body)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>True when YARP failed before any of the response reached the client, so another attempt is possible.</summary>
    public static bool CanRetry(HttpContext context, ForwarderError error) =>
        !context.Response.HasStarted && error is ForwarderError.Request or ForwarderError.RequestTimedOut;
}
