using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Proxy.Tests.Support;

/// <summary>
/// A real application on loopback: HTTP/1.1 answering <c>&lt;name&gt; &lt;path&gt;</c> and echoing what the test wants
/// to see (the XFCC it received in <c>x-seen-xfcc</c>), or HTTP/2 cleartext serving the test gRPC service.
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private WebApplication? _app;

    private TestBackend(string name) => Name = name;

    public string Name { get; }

    public int Port { get; private set; }

    /// <summary>Requests received.</summary>
    public int Requests => _requests;

    private int _requests;

    /// <summary>An HTTP/1.1 backend; <paramref name="status"/> lets a test make it fail.</summary>
    public static Task<TestBackend> StartHttpAsync(string name, Func<HttpContext, int>? status = null, int port = 0) =>
        StartAsync(name, HttpProtocols.Http1, port, (app, backend) => app.Run(async context =>
        {
            Interlocked.Increment(ref backend._requests);
            context.Response.StatusCode = status?.Invoke(context) ?? 200;
            context.Response.Headers["x-seen-xfcc"] = context.Request.Headers["X-Forwarded-Client-Cert"];
            context.Response.Headers["x-seen-host"] = context.Request.Host.Value;
            if (context.Request.Path.StartsWithSegments("/slow"))
            {
                await Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted);
            }

            await context.Response.WriteAsync($"{name} {context.Request.Path}{context.Request.QueryString}", context.RequestAborted);
        }));

    /// <summary>An HTTP/1.1 backend answering with <paramref name="handler"/>.</summary>
    public static Task<TestBackend> StartHttpAsync(string name, RequestDelegate handler) =>
        StartAsync(name, HttpProtocols.Http1, 0, (app, backend) => app.Run(context =>
        {
            Interlocked.Increment(ref backend._requests);
            return handler(context);
        }));

    /// <summary>An HTTP/2 cleartext gRPC backend serving <c>Echo</c>.</summary>
    public static Task<TestBackend> StartGrpcAsync(string name, int port = 0) =>
        StartAsync(name, HttpProtocols.Http2, port, (app, _) => app.MapGrpcService<EchoService>(), services =>
        {
            services.AddGrpc();
            services.AddSingleton(new EchoService.BackendName(name));
        });

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }

    private static async Task<TestBackend> StartAsync(
        string name, HttpProtocols protocols, int port, Action<WebApplication, TestBackend> map,
            Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port, l => l.Protocols = protocols));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        var backend = new TestBackend(name) { _app = app };
        map(app, backend);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        backend.Port = new Uri(address).Port;
        return backend;
    }
}
