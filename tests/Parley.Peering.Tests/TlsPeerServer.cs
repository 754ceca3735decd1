using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Parley.Peering.Tests.Support;

namespace Parley.Peering.Tests;

/// <summary>Kestrel on 127.0.0.1:0, HTTP/2 over TLS only, serving <see cref="TestPeerStreamService"/>.</summary>
internal sealed class TlsPeerServer : IAsyncDisposable
{
    private readonly GrpcTestServer _server;

    private TlsPeerServer(GrpcTestServer server, TestPeerStreamService.Calls calls, Func<string?> sni)
    {
        _server = server;
        Calls = calls;
        LastSni = sni;
    }

    public int Port => _server.Port;

    public string Address => _server.Address;

    public TestPeerStreamService.Calls Calls { get; }

    /// <summary>The SNI name of the last TLS handshake.</summary>
    public Func<string?> LastSni { get; }

    public static async Task<TlsPeerServer> StartAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        string? sni = null;
        var calls = new TestPeerStreamService.Calls();
        var https = new HttpsConnectionAdapterOptions
        {
            ServerCertificateSelector = (_, name) =>
            {
                sni = name;
                return certificate;
            },
        };
        var server = await GrpcTestServer.StartAsync<TestPeerStreamService>(
            services => services.AddSingleton(calls), https, cancellationToken);
        return new TlsPeerServer(server, calls, () => sni);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
