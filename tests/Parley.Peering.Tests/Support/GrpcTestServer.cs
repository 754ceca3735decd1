using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Peering.Tests.Support;

/// <summary>
/// Kestrel on 127.0.0.1:0 speaking HTTP/2 only (over TLS when given HTTPS options) and serving one gRPC service: the
/// peer servers of these tests, real or scripted.
/// </summary>
internal sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcTestServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server's <c>host:port</c>, as tokens and dialers write it.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Starts the server with <typeparamref name="TService"/> mapped and <paramref name="services"/> registered.</summary>
    /// <param name="services">Registers what the service's constructor needs.</param>
    /// <param name="https">TLS settings; null for plaintext HTTP/2.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<GrpcTestServer> StartAsync<TService>(
        Action<IServiceCollection> services, HttpsConnectionAdapterOptions? https, CancellationToken cancellationToken)
        where TService : class
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        services(builder.Services);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (https is not null)
            {
                listen.UseHttps(https);
            }
        }));

        var app = builder.Build();
        app.MapGrpcService<TService>();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new GrpcTestServer(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
