using Parley.Peering;

namespace Parley.Agent.Hosting;

/// <summary>Keeps the peer stream on the gRPC TLS port, and that port's unauthenticated callers on the peer stream.</summary>
internal static class PeeringPortFilter
{
    /// <summary>
    /// Answers 404 to peering's gRPC methods on any port but <paramref name="grpcTlsPort"/>; with
    /// <paramref name="verifyIncoming"/>, 403 to anything else on that port from a caller without a client certificate.
    /// </summary>
    public static IApplicationBuilder UsePeeringPortFilter(this IApplicationBuilder app, int grpcTlsPort, bool verifyIncoming) =>
        app.Use((context, next) =>
        {
            // Matched on the connection's local port, not the Host header: that carries the port the dialer dialed, which
            // differs behind a load balancer or relay.
            var onGrpcPort = context.Connection.LocalPort == grpcTlsPort;
            var peering = context.Request.Path.StartsWithSegments(PeeringServiceCollectionExtensions.PeeringGrpcPath);
            if (!onGrpcPort && peering)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            // With verify_incoming only a peering dialer gets in without a client certificate (TlsListeners.ListenGrpc),
            // so such a connection may reach the peer stream and nothing else (Consul's peering SNI filter).
            if (onGrpcPort && verifyIncoming && !peering && context.Connection.ClientCertificate is null)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return context.Response.WriteAsync(
                    "only the peering stream is served without a client certificate",
                    context.RequestAborted);
            }

            return next(context);
        });
}
