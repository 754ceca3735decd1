using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;
using Parley.Proxy.Config;
using Parley.Proxy.Forwarding;
using Parley.Proxy.Forwarding.Http1;

namespace Parley.Proxy.Outbound;

/// <summary>
/// <see cref="ChainForwarder"/>'s rules on the lean HTTP/1.1 path: the first matching route, a split leg, the resolver's
/// first target with a healthy endpoint, rewrite, header changes, retries and the request timeout, with Envoy's answers
/// when it cannot forward; the request then goes over a pooled keep-alive mTLS connection of the target's cluster.
/// Shared by the sidecar's upstream listeners and the mesh gateway's exported HTTP services.
/// </summary>
/// <remarks>Stateless apart from its settings; the upstream is read once per request.</remarks>
/// <param name="current">The upstream as configured now; null answers 503 <c>no healthy upstream</c>.</param>
/// <param name="name">The upstream or service, for logs.</param>
/// <param name="logger">Where failures go.</param>
internal sealed class LeanChainForwarder(Func<UpstreamRuntime?> current, string name, ILogger logger) : IHttp1Handler
{
    /// <inheritdoc/>
    public ValueTask<bool> HandleAsync(Http1Session session) => ForwardAsync(session, current(), name, forwardedClientCert: null, logger);

    /// <summary>
    /// Forwards the session's current request through <paramref name="upstream"/>'s chain; false when the client connection must close.
    /// </summary>
    /// <param name="session">The client connection, its request head read.</param>
    /// <param name="upstream">The chain and its clusters; null answers 503 <c>no healthy upstream</c>.</param>
    /// <param name="name">The upstream or service, for logs.</param>
    /// <param name="forwardedClientCert">
    /// Null to remove any XFCC the caller sent (a sidecar's outbound); an element to send as the only one (the exporting
    /// gateway's <c>SANITIZE_SET</c>).
    /// </param>
    /// <param name="logger">Where failures go.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<bool> ForwardAsync(
        Http1Session session, UpstreamRuntime? upstream, string name, string? forwardedClientCert, ILogger logger)
    {
        if (upstream is null)
        {
            return await session.AnswerAsync(503, ForwardingErrors.NoHealthyUpstream).ConfigureAwait(false);
        }

        var request = session.Request;
        var plan = upstream.Snapshot.Plan;
        var decision = plan.Decide(plan.StartsAtResolver ? null : request.RequestInfo(), Random.Shared.NextDouble());
        if (decision.Resolver is null)
        {
            // Envoy's answer when no route matches.
            return await session.AnswerAsync(404, null).ConfigureAwait(false);
        }

        var destination = decision.Route?.Destination;
        var retry = RetryPolicy.From(destination);
        var target = destination is { PrefixRewrite.Length: > 0 }
            ? decision.Route!.Matcher.Rewrite(request.Target, destination.PrefixRewrite)
            : null;
        var head = session.RequestHead;
        head.Begin(request);
        head.Remove(ForwardedClientCert.HeaderName);
        if (forwardedClientCert is not null)
        {
            head.Add(ForwardedClientCert.HeaderName, forwardedClientCert);
        }

        head.Apply(Modifiers(destination?.RequestHeaders, decision.Split?.RequestHeaders));
        var responseHeaders = Modifiers(destination?.ResponseHeaders, decision.Split?.ResponseHeaders);
        var timeout = decision.RequestTimeout ?? ChainForwarder.DefaultRequestTimeout;
        if (timeout > TimeSpan.Zero)
        {
            session.StartTimeout(timeout);
        }

        List<ServiceEndpoint>? tried = null;
        for (var attempt = 0; ; attempt++)
        {
            var cluster = upstream.SelectCluster(decision.Resolver);
            var endpoint = tried is null ? cluster?.Pick() : cluster?.Pick(tried);
            if (cluster?.Http1 is null || endpoint is null)
            {
                logger.NoHealthyUpstream(name);
                return await session.AnswerAsync(503, ForwardingErrors.NoHealthyUpstream).ConfigureAwait(false);
            }

            // Only requests without a body are replayed, as on the Kestrel path.
            var mayRetry = attempt < retry.Retries && session.RequestBody == BodyKind.None;
            if (mayRetry)
            {
                (tried ??= []).Add(endpoint);
            }

            switch (await ExchangeAsync(session, cluster, endpoint, target, mayRetry ? retry.Statuses : [], responseHeaders, name, logger)
                .ConfigureAwait(false))
            {
                case ExchangeOutcome.KeepAlive:
                    return true;
                case ExchangeOutcome.RetryStatus:
                    continue;
                case ExchangeOutcome.TimedOut:
                    return await session.AnswerAsync(504, ForwardingErrors.Timeout).ConfigureAwait(false);
                case ExchangeOutcome.Failed:
                    logger.UpstreamRequestFailed(name, endpoint.ToString(), "no answer");
                    if (mayRetry && retry.OnConnectFailure)
                    {
                        continue;
                    }

                    return await session.AnswerAsync(503, ForwardingErrors.ConnectFailure).ConfigureAwait(false);
                default:
                    return false;
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<ExchangeOutcome> ExchangeAsync(
        Http1Session session, Cluster cluster, ServiceEndpoint endpoint, string? target, IReadOnlyList<int> statuses,
        IReadOnlyList<HttpHeaderModifiers> responseHeaders, string name, ILogger logger)
    {
        var pool = cluster.Http1!;
        var connection = pool.Rent(endpoint.Address, endpoint.Port);
        for (var fresh = connection is null; ; fresh = true)
        {
            if (connection is null)
            {
                try
                {
                    connection = await cluster.ConnectHttp1Async(endpoint, session.Aborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return session.Connection.ConnectionClosed.IsCancellationRequested ? ExchangeOutcome.Close : ExchangeOutcome.TimedOut;
                }
                catch (Exception e) when (e is SocketException or TimeoutException or AuthenticationException or IOException)
                {
                    logger.UpstreamConnectFailed(name, endpoint.ToString(), e.Message);
                    return ExchangeOutcome.Failed;
                }
            }

            var outcome = await session.ForwardAsync(connection, target, statuses, responseHeaders).ConfigureAwait(false);
            if (outcome == ExchangeOutcome.Stale && !fresh)
            {
                // The server closed the pooled connection while it was idle: the same request on a new one.
                connection = null;
                continue;
            }

            if (!connection.IsDisposed)
            {
                pool.Return(endpoint.Address, endpoint.Port, connection);
            }

            return outcome == ExchangeOutcome.Stale ? ExchangeOutcome.Failed : outcome;
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
