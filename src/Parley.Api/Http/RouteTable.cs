using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Api.Acl;
using Parley.Api.Metrics;
using Parley.Core;
using Parley.State;

namespace Parley.Api.Http;

/// <summary>
/// The HTTP API's one route table: each path maps its methods to handlers. A path hit with another
/// method answers 405 with <c>Allow</c>, an unknown <c>/v1/</c> path 404, both with Consul's texts.
/// </summary>
public sealed class RouteTable
{
    private readonly Dictionary<string, Dictionary<string, Route>> _routes = new(StringComparer.Ordinal);

    /// <summary>
    /// Every route with its ACL decision (null: none declared yet; docs/architecture/acl.md lists those), for the test
    /// generated from the route table.
    /// </summary>
    public IEnumerable<(string Method, string Pattern, AclCheck? Acl)> Routes =>
        _routes.SelectMany(p => p.Value.Select(m => (m.Key, p.Key, m.Value.Acl)));

    /// <summary>
    /// Adds a handler for <paramref name="method"/> on <paramref name="pattern"/> (an ASP.NET route pattern), with the
    /// ACL decision <paramref name="acl"/> enforced before the handler runs when ACLs are enabled.
    /// </summary>
    public RouteTable Add(string method, string pattern, Func<ApiContext, Task> handler, AclCheck? acl = null)
    {
        if (!_routes.TryGetValue(pattern, out var methods))
        {
            _routes[pattern] = methods = new Dictionary<string, Route>(StringComparer.OrdinalIgnoreCase);
        }

        methods.Add(method, new Route(handler, acl));
        return this;
    }

    public RouteTable Get(string pattern, Func<ApiContext, Task> handler, AclCheck? acl = null)
        => Add(HttpMethods.Get, pattern, handler, acl);

    public RouteTable Put(string pattern, Func<ApiContext, Task> handler, AclCheck? acl = null)
        => Add(HttpMethods.Put, pattern, handler, acl);

    public RouteTable Post(string pattern, Func<ApiContext, Task> handler, AclCheck? acl = null)
        => Add(HttpMethods.Post, pattern, handler, acl);

    public RouteTable Delete(string pattern, Func<ApiContext, Task> handler, AclCheck? acl = null)
        => Add(HttpMethods.Delete, pattern, handler, acl);

    /// <summary>Maps every route, and the 404 for unknown API paths, onto <paramref name="endpoints"/>.</summary>
    public void MapTo(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var metrics = endpoints.ServiceProvider.GetService<ApiMetrics>();

        // Resolved on the first request, not while mapping: the replicator it holds is built when the host is.
        ApiServices? shared = null;
        foreach (var (pattern, methods) in _routes)
        {
            var allow = "OPTIONS," + string.Join(",", methods.Keys);
            var path = ApiMetrics.PathLabel(pattern);
            endpoints.Map(pattern, context =>
            {
                if (!methods.TryGetValue(context.Request.Method, out var route))
                {
                    return MethodNotAllowedAsync(context, allow);
                }

                var services = shared ??= context.RequestServices.GetRequiredService<ApiServices>();
                return metrics is null ? RunAsync(context, services, route) : TimedAsync(context, services, route, metrics, path);
            });
        }

        endpoints.Map("/v1/{**path}", context => WriteTextAsync(
            context, StatusCodes.Status404NotFound, "Invalid URL path: not a recognized HTTP API endpoint\n"));
    }

    private static Task MethodNotAllowedAsync(HttpContext context, string allow)
    {
        context.Response.Headers.Allow = allow;
        return WriteTextAsync(context, StatusCodes.Status405MethodNotAllowed, $"method {context.Request.Method} not allowed");
    }

    private static async Task TimedAsync(HttpContext context, ApiServices services, Route route, ApiMetrics metrics, string path)
    {
        var started = Stopwatch.GetTimestamp();
        await RunAsync(context, services, route);
        metrics.Served(context.Request.Method, path, Stopwatch.GetElapsedTime(started));
    }

    private static async Task RunAsync(HttpContext context, ApiServices services, Route route)
    {
        try
        {
            var api = new ApiContext(context, services) { RouteAcl = route.Acl };
            RequireLocalDatacenter(api);
            api.EnforceRouteAcl();
            await route.Handler(api);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a blocking query it gave up on); nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var (status, text) = Map(e);
            if (status >= 500)
            {
                context.RequestServices.GetRequiredService<ILogger<RouteTable>>().RequestFailed(
                    context.Request.Method, context.Request.Path, e);
            }

            await WriteTextAsync(context, status, text);
        }
    }

    /// <summary>The one place errors become HTTP statuses and bodies.</summary>
    private static (int Status, string Text) Map(Exception e) => e switch
    {
        ApiException http => (http.StatusCode, http.Message),
        ParleyException domain => (ApiException.StatusFor(domain.Code), domain.Message),
        NoLeaderException => (StatusCodes.Status500InternalServerError, e.Message),
        JsonException => (StatusCodes.Status400BadRequest, "Request decode failed: " + e.Message),
        BadHttpRequestException bad => (bad.StatusCode, e.Message),
        _ => (StatusCodes.Status500InternalServerError, e.Message),
    };

    /// <summary>
    /// <c>?dc=</c> naming another datacenter: Consul forwards such a request over the WAN before anything else, and a
    /// cluster with no path there answers <c>No path to datacenter</c> (its RPC error, so a 500). Parley joins no WAN, so
    /// every other datacenter is one it has no path to; answering the local data instead would be a wrong answer. The
    /// agent's own endpoints (<c>/v1/agent/*</c>) ignore <c>?dc</c>, as Consul's do.
    /// </summary>
    private static void RequireLocalDatacenter(ApiContext api)
    {
        if (api.QueryValue("dc") is { Length: > 0 } dc && dc != api.Agent.Datacenter &&
            !api.Http.Request.Path.StartsWithSegments("/v1/agent", StringComparison.Ordinal))
        {
            throw new ApiException(StatusCodes.Status500InternalServerError, "No path to datacenter");
        }
    }

    private sealed record Route(Func<ApiContext, Task> Handler, AclCheck? Acl);

    private static Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
