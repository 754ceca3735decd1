using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Client.Tests.Fakes;

/// <summary>
/// A tiny agent stand-in: Kestrel on 127.0.0.1 with a free port, answering canned responses per
/// <c>METHOD /path</c> and recording every request it sees. Unknown paths get Consul's 404 text.
/// </summary>
internal sealed class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeApiServer(WebApplication app) => _app = app;

    /// <summary>The address to give a client, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The address without a scheme, as <c>CONSUL_HTTP_ADDR</c> is often written.</summary>
    public string HostAndPort => new Uri(Address).Authority;

    /// <summary>Requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<FakeApiServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with a fixed status, body and headers.</summary>
    public FakeApiServer Respond(string method, string path, int status, string body, params (string Name, string Value)[] headers)
    {
        _routes[Key(method, path)] = async context =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentType = status is >= 200 and < 300 ? "application/json" : "text/plain; charset=utf-8";
            await context.Response.WriteAsync(body);
        };
        return this;
    }

    /// <summary>Answers with a handler of the test's own.</summary>
    public FakeApiServer On(string method, string path, Func<HttpContext, Task> handler)
    {
        _routes[Key(method, path)] = handler;
        return this;
    }

    /// <summary>The single request recorded for <paramref name="method"/> <paramref name="path"/>.</summary>
    public RecordedRequest Single(string method, string path)
        => Assert.Single(_requests, r => r.Method == method && r.Path == path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        _requests.Enqueue(request);

        if (_routes.TryGetValue(Key(request.Method, request.Path), out var handler))
        {
            await handler(context);
            return;
        }

        context.Response.StatusCode = 404;
        await context.Response.WriteAsync("Invalid URL path: not a recognized HTTP API endpoint\n");
    }

    private static string Key(string method, string path) => method.ToUpperInvariant() + " " + path;
}
