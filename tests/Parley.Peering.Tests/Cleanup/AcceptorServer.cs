using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Parley.Mesh;
using Parley.Peering.Grpc;
using Parley.Peering.Tests.Support;
using Parley.State.Store;

namespace Parley.Peering.Tests.Cleanup;

/// <summary>
/// A real acceptor: Parley's <see cref="PeerStreamGrpcService"/> over a real state machine, served by Kestrel on
/// 127.0.0.1:0 over TLS with a server certificate issued by its own Connect CA.
/// </summary>
internal sealed class AcceptorServer : IAsyncDisposable
{
    private readonly GrpcTestServer _server;
    private readonly CertificateAuthority _ca;
    private readonly X509Certificate2 _certificate;

    private AcceptorServer(
        GrpcTestServer server,
        CertificateAuthority ca,
        X509Certificate2 certificate,
        StateStore store,
        InMemoryReplicator replicator)
    {
        _server = server;
        _ca = ca;
        _certificate = certificate;
        Store = store;
        Replicator = replicator;
    }

    public StateStore Store { get; }

    public InMemoryReplicator Replicator { get; }

    public string Address => _server.Address;

    /// <summary>The PEM a dialer verifies this server against.</summary>
    public string CaPem => _ca.Root.RootCert;

    /// <summary>The name this server's certificate carries.</summary>
    public string ServerName => MeshNames.PeeringServerName("dc1", _ca.TrustDomain);

    public static async Task<AcceptorServer> StartAsync(CancellationToken cancellationToken)
    {
        var ca = CertificateAuthority.Generate(
            new CertificateAuthorityOptions { ClusterId = Guid.NewGuid().ToString() },
            TimeProvider.System);
        var certificate = ca.IssueServerCertificate("dc1").ToX509Certificate2();
        var store = new StateStore();
        var replicator = new InMemoryReplicator(store);

        // No Connect on this acceptor: the stream handler then needs no CA state, only the peering and its secrets.
        var service = TestAcceptor.Service(replicator, store, new PeeringOptions { ConnectEnabled = false });
        var server = await GrpcTestServer.StartAsync<PeerStreamGrpcService>(
            services => services.AddSingleton(service), new HttpsConnectionAdapterOptions { ServerCertificate = certificate },
                cancellationToken);
        return new AcceptorServer(server, ca, certificate, store, replicator);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
        _ca.Dispose();
    }
}
