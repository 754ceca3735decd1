using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Mesh;
using Parley.Peering.Ca;
using Parley.Peering.Grpc;
using Parley.Peering.Stream;
using Parley.Peering.Tests.Support;
using Parley.Peering.Tracking;
using Parley.State;
using Parley.State.Store;

namespace Parley.Peering.Tests.Cleanup;

/// <summary>
/// A real acceptor: Parley's <see cref="PeerStreamGrpcService"/> over a real state machine, served by Kestrel on
/// 127.0.0.1:0 over TLS with a server certificate issued by its own Connect CA.
/// </summary>
internal sealed class AcceptorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CertificateAuthority _ca;
    private readonly X509Certificate2 _certificate;

    private AcceptorServer(WebApplication app, CertificateAuthority ca, X509Certificate2 certificate, StateStore store, InMemoryReplicator replicator, int port)
    {
        _app = app;
        _ca = ca;
        _certificate = certificate;
        Store = store;
        Replicator = replicator;
        Address = $"127.0.0.1:{port}";
    }

    public StateStore Store { get; }

    public InMemoryReplicator Replicator { get; }

    public string Address { get; }

    /// <summary>The PEM a dialer verifies this server against.</summary>
    public string CaPem => _ca.Root.RootCert;

    /// <summary>The name this server's certificate carries.</summary>
    public string ServerName => MeshNames.PeeringServerName("dc1", _ca.TrustDomain);

    public static async Task<AcceptorServer> StartAsync(CancellationToken cancellationToken)
    {
        var ca = CertificateAuthority.Generate(new CertificateAuthorityOptions { ClusterId = Guid.NewGuid().ToString() }, TimeProvider.System);
        var certificate = ca.IssueServerCertificate("dc1").ToX509Certificate2();
        var store = new StateStore();
        var replicator = new InMemoryReplicator(store);

        // No Connect on this acceptor: the stream handler then needs no CA state, only the peering and its secrets.
        var options = new PeeringOptions { ConnectEnabled = false };
        var host = new PeerStreamHost(
            replicator, store, new ConnectCa(store, TimeProvider.System, "dc1"), new PeeringStreamTracker(TimeProvider.System),
            options, TimeProvider.System, NullLoggerFactory.Instance);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IReplicator>(replicator);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton<ILogger<PeerStreamGrpcService>>(NullLogger<PeerStreamGrpcService>.Instance);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps(certificate);
        }));

        var app = builder.Build();
        app.MapGrpcService<PeerStreamGrpcService>();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new AcceptorServer(app, ca, certificate, store, replicator, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _certificate.Dispose();
        _ca.Dispose();
    }
}
