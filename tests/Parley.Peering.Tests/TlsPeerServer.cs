using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Peering.Tests;

/// <summary>Kestrel on 127.0.0.1:0, HTTP/2 over TLS only, serving <see cref="TestPeerStreamService"/>.</summary>
internal sealed class TlsPeerServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TlsPeerServer(WebApplication app, int port, TestPeerStreamService.Calls calls, Func<string?> sni)
    {
        _app = app;
        Port = port;
        Calls = calls;
        LastSni = sni;
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public TestPeerStreamService.Calls Calls { get; }

    /// <summary>The SNI name of the last TLS handshake.</summary>
    public Func<string?> LastSni { get; }

    public static async Task<TlsPeerServer> StartAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        string? sni = null;
        var calls = new TestPeerStreamService.Calls();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(calls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificateSelector = (_, name) =>
                {
                    sni = name;
                    return certificate;
                },
            });
        }));

        var app = builder.Build();
        app.MapGrpcService<TestPeerStreamService>();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new TlsPeerServer(app, new Uri(address).Port, calls, () => sni);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
