using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Parley.Core.ConfigEntries;
using Parley.Proxy.Config;
using Parley.Proxy.Forwarding;
using Parley.Proxy.Hosting;
using Yarp.ReverseProxy.Forwarder;

namespace Parley.Proxy.Outbound;

/// <summary>
/// Runs one HTTP request through a chain (Envoy's HTTP connection manager with Consul's routes): the first matching
/// route, a split leg, the resolver's first target with a healthy endpoint, retries and the request timeout, then YARP
/// through the target's pooled mTLS client. Shared by the sidecar's upstream listeners and the mesh gateway's
/// exported HTTP services.
/// </summary>
/// <remarks>Stateless; everything a request needs comes from <see cref="UpstreamRuntime"/> read once per request.</remarks>
internal static class ChainForwarder
{
    /// <summary>The request timeout when nothing sets one (Envoy's default route timeout).</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Forwards <paramref name="context"/>'s request, or answers as Envoy would when it cannot.</summary>
    /// <param name="context">The request.</param>
    /// <param name="upstream">The chain and its clusters; null answers 503 <c>no healthy upstream</c>.</param>
    /// <param name="name">The upstream or service, for logs.</param>
    /// <param name="forwardedClientCert">
    /// Null to remove any XFCC the caller sent (a sidecar's outbound); an element to send as the only one (the exporting
    /// gateway's <c>SANITIZE_SET</c>).
    /// </param>
    /// <param name="services">The forwarder and clock.</param>
    /// <param name="logger">Where failures go.</param>
    public static async Task ForwardAsync(
        HttpContext context, UpstreamRuntime? upstream, string name, string? forwardedClientCert, DataPlaneServices services,
            ILogger logger)
    {
        if (upstream is null)
        {
            await ForwardingErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ForwardingErrors.NoHealthyUpstream);
            return;
        }

        var plan = upstream.Snapshot.Plan;
        var decision = plan.Decide(plan.StartsAtResolver ? null : RequestInfo.From(context.Request), Random.Shared.NextDouble());
        if (decision.Resolver is null)
        {
            // Envoy's answer when no route matches.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var destination = decision.Route?.Destination;
        var retry = RetryPolicy.From(destination);
        var replayable = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false;
        var rewrite = destination is { PrefixRewrite.Length: > 0 }
            ? decision.Route!.Matcher.Rewrite(context.Request.Path.Value + context.Request.QueryString.Value, destination.PrefixRewrite)
            : null;
        var requestHeaders = Modifiers(destination?.RequestHeaders, decision.Split?.RequestHeaders);
        var responseHeaders = Modifiers(destination?.ResponseHeaders, decision.Split?.ResponseHeaders);

        var timeout = decision.RequestTimeout ?? DefaultRequestTimeout;
        using var deadline = timeout > TimeSpan.Zero ? new CancellationTokenSource(timeout, services.TimeProvider) : null;
        List<ServiceEndpoint>? tried = null;
        for (var attempt = 0; ; attempt++)
        {
            var cluster = upstream.SelectCluster(decision.Resolver);
            var endpoint = tried is null ? cluster?.Pick() : cluster?.Pick(tried);
            if (cluster is null || endpoint is null)
            {
                logger.NoHealthyUpstream(name);
                await ForwardingErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ForwardingErrors.NoHealthyUpstream);
                return;
            }

            var mayRetry = attempt < retry.Retries && replayable;
            if (mayRetry)
            {
                (tried ??= []).Add(endpoint);
            }

            var transformer = new MeshTransformer
            {
                PathAndQuery = rewrite,
                SanitizeForwardedClientCert = true,
                AppendForwardedClientCert = forwardedClientCert,
                RequestHeaders = requestHeaders,
                ResponseHeaders = responseHeaders,
                RetriableStatuses = mayRetry ? retry.Statuses : [],
            };
            var error = await services.Forwarder.SendAsync(
                context, MeshHttpHandler.Prefix(endpoint.Address, endpoint.Port), cluster.Invoker, cluster.RequestConfig, transformer,
                deadline?.Token ?? CancellationToken.None);
            if (transformer.RetryRequested)
            {
                context.Response.Clear();
                continue;
            }

            if (error == ForwarderError.None)
            {
                return;
            }

            if (deadline?.IsCancellationRequested == true && !context.RequestAborted.IsCancellationRequested)
            {
                await ForwardingErrors.WriteAsync(context, StatusCodes.Status504GatewayTimeout, ForwardingErrors.Timeout);
                return;
            }

            logger.UpstreamRequestFailed(name, endpoint.ToString(), error.ToString());
            if (mayRetry && retry.OnConnectFailure && ForwardingErrors.CanRetry(context, error))
            {
                context.Response.Clear();
                continue;
            }

            if (!context.Response.HasStarted)
            {
                await ForwardingErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ForwardingErrors.ConnectFailure);
            }

            return;
        }
    }

    private static IReadOnlyList<HttpHeaderModifiers> Modifiers(HttpHeaderModifiers? route, HttpHeaderModifiers? split) =>
        (route, split) switch
        {
            (null, null) => [],
            ({ } r, null) => [r],
            (null, { } s) => [s],
            ({ } r, { } s) => [r, s],
        };
}
