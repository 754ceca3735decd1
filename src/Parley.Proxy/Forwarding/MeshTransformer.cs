using Microsoft.AspNetCore.Http;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;
using Yarp.ReverseProxy.Forwarder;

namespace Parley.Proxy.Forwarding;

/// <summary>
/// What one forwarded request changes on its way (YARP's transformer, per request): the <c>Host</c> is kept as the
/// caller sent it (Envoy does), the path may be rewritten by a route, <c>X-Forwarded-Client-Cert</c> is appended to
/// (destination sidecar), removed (sanitized: outbound, gRPC) or replaced by one element (the exporting mesh gateway's
/// <c>SANITIZE_SET</c>), route and split header modifiers apply, and a response
/// with a retriable status can be held back so the caller may retry.
/// </summary>
internal sealed class MeshTransformer : HttpTransformer
{
    /// <summary>The path and query to send instead of the request's (a route's <c>PrefixRewrite</c>).</summary>
    public string? PathAndQuery { get; init; }

    /// <summary>
    /// An XFCC element to append (Envoy's <c>APPEND_FORWARD</c>); together with <see cref="SanitizeForwardedClientCert"/>
    /// it becomes the only element (<c>SANITIZE_SET</c>).
    /// </summary>
    public string? AppendForwardedClientCert { get; init; }

    /// <summary>Remove any XFCC the caller sent (<c>SANITIZE</c>).</summary>
    public bool SanitizeForwardedClientCert { get; init; }

    /// <summary>Request header changes (route first, then split).</summary>
    public IReadOnlyList<HttpHeaderModifiers> RequestHeaders { get; init; } = [];

    /// <summary>Response header changes (route first, then split).</summary>
    public IReadOnlyList<HttpHeaderModifiers> ResponseHeaders { get; init; } = [];

    /// <summary>Statuses that discard the response so the request can be retried; empty for none.</summary>
    public IReadOnlyList<int> RetriableStatuses { get; init; } = [];

    /// <summary>Set when a response was held back for a retry.</summary>
    public bool RetryRequested { get; private set; }

    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        if (PathAndQuery is not null)
        {
            proxyRequest.RequestUri = new Uri(destinationPrefix.TrimEnd('/') + PathAndQuery, UriKind.Absolute);
        }

        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.Headers.Host = httpContext.Request.Host.Value;

        if (SanitizeForwardedClientCert || AppendForwardedClientCert is not null)
        {
            proxyRequest.Headers.Remove(ForwardedClientCert.HeaderName);
        }

        if (AppendForwardedClientCert is not null)
        {
            var existing = SanitizeForwardedClientCert ? null : httpContext.Request.Headers[ForwardedClientCert.HeaderName].ToString();
            proxyRequest.Headers.TryAddWithoutValidation(
                ForwardedClientCert.HeaderName, ForwardedClientCert.Append(existing, AppendForwardedClientCert));
        }

        foreach (var modifiers in RequestHeaders)
        {
            foreach (var name in modifiers.Remove)
            {
                proxyRequest.Headers.Remove(name);
            }

            foreach (var (name, value) in modifiers.Set)
            {
                proxyRequest.Headers.Remove(name);
                proxyRequest.Headers.TryAddWithoutValidation(name, value);
            }

            foreach (var (name, value) in modifiers.Add)
            {
                proxyRequest.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(
        HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is not null && RetriableStatuses.Count > 0 && RetriableStatuses.Contains((int)proxyResponse.StatusCode))
        {
            RetryRequested = true;
            return false;
        }

        var copyBody = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        var headers = httpContext.Response.Headers;
        foreach (var modifiers in ResponseHeaders)
        {
            foreach (var name in modifiers.Remove)
            {
                headers.Remove(name);
            }

            foreach (var (name, value) in modifiers.Set)
            {
                headers[name] = value;
            }

            foreach (var (name, value) in modifiers.Add)
            {
                headers.Append(name, value);
            }
        }

        return copyBody;
    }
}
