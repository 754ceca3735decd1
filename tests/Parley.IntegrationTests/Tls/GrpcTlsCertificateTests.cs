using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Parley.Agent.Configuration;
using Parley.Testing;

namespace Parley.IntegrationTests.Tls;

/// <summary>
/// The gRPC TLS listener with a <c>tls.grpc</c> certificate: clients asking for a name that certificate carries get it;
/// a peering dialer (SNI = the peering server name) still gets the Connect CA's certificate, so peering keeps working.
/// </summary>
public sealed class GrpcTlsCertificateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GrpcTlsListener_ChoosesTheConfiguredCertificateOrThePeeringOneBySni()
    {
        using var pki = new TlsWorkspace();
        await pki.MustRunAsync(Ct, "tls", "ca", "create");
        await pki.MustRunAsync(Ct, "tls", "cert", "create", "-server", "-dc", "dc1");
        await using var agent = await TestAgent.StartAsync(c => c with
        {
            Tls = new TlsConfig
            {
                Grpc = new TlsSection { CertFile = pki["dc1-server-consul-0.pem"], KeyFile = pki["dc1-server-consul-0-key.pem"] }
            },
        }, cancellationToken: Ct);
        var port = agent.Agent.Config.Ports.GrpcTls;

        using var operatorCertificate = await PresentedAsync(port, "server.dc1.consul");
        using var peeringCertificate = await PresentedAsync(port, "server.dc1.peering.11111111-2222-3333-4444-555555555555.consul");

        Assert.Equal("CN=server.dc1.consul", operatorCertificate.Subject);
        Assert.NotEqual(operatorCertificate.Issuer, peeringCertificate.Issuer);
        Assert.False(peeringCertificate.MatchesHostname("server.dc1.consul"));
    }

    private static async Task<X509Certificate2> PresentedAsync(int port, string serverName)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Ct);
        await using var tls = new SslStream(client.GetStream());
        X509Certificate2? presented = null;
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            // Only looked at, not trusted: the test asks which certificate the listener chose.
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate is null ? null : new X509Certificate2(certificate);
                return presented is not null;
            },
        }, Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        return presented!;
    }
}
