using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Parley.Core.ConfigEntries;
using Parley.Proxy.Forwarding;
using Yarp.ReverseProxy.Forwarder;

namespace Parley.Proxy.Outbound;

/// <content>HTTP upstreams: the chain per request, retries and timeouts, forwarding with YARP.</content>
internal sealed partial class UpstreamListener
{
    /// <summary>The request timeout when nothing sets one (Envoy's default route timeout).</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(15);

    private async Task HandleRequestAsync(HttpContext context)
    {
        var upstream = _current();
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
        using var deadline = timeout > TimeSpan.Zero ? new CancellationTokenSource(timeout, _services.TimeProvider) : null;
        for (var attempt = 0; ; attempt++)
        {
            var cluster = upstream.SelectCluster(decision.Resolver);
            var endpoint = cluster?.Pick();
            if (cluster is null || endpoint is null)
            {
                _logger.NoHealthyUpstream(_id);
                await ForwardingErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ForwardingErrors.NoHealthyUpstream);
                return;
            }

            var mayRetry = attempt < retry.Retries && replayable;
            var transformer = new MeshTransformer
            {
                PathAndQuery = rewrite,
                SanitizeForwardedClientCert = true,
                RequestHeaders = requestHeaders,
                ResponseHeaders = responseHeaders,
                RetriableStatuses = mayRetry ? retry.Statuses : [],
            };
            var error = await _services.Forwarder.SendAsync(
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

            _logger.UpstreamRequestFailed(_id, endpoint.ToString(), error.ToString());
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
