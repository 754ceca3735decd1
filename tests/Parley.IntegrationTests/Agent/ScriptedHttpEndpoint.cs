using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.IntegrationTests.Agent;

/// <summary>
/// A real Kestrel server on a loopback port whose <c>/health</c> answers with whatever status and body the test
/// sets, standing in for the service an HTTP check probes.
/// </summary>
internal sealed class ScriptedHttpEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private (int Status, string Body) _response = (200, "ok");
    private int _requests;

    private ScriptedHttpEndpoint(WebApplication app) => _app = app;

    /// <summary>The URL of the <c>/health</c> path.</summary>
    public Uri HealthUrl { get; private set; } = null!;

    /// <summary>How many requests the endpoint has answered.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<ScriptedHttpEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var endpoint = new ScriptedHttpEndpoint(app);
        app.MapGet("/health", context =>
        {
            var (status, body) = endpoint._response;
            Interlocked.Increment(ref endpoint._requests);
            context.Response.StatusCode = status;
            return context.Response.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        endpoint.HealthUrl = new Uri(new Uri(address), "/health");
        return endpoint;
    }

    /// <summary>What <c>/health</c> answers from now on.</summary>
    public void Respond(int status, string body) => _response = (status, body);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
