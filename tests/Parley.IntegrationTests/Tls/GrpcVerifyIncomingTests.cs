using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Agent.Configuration;
using Parley.IntegrationTests.Peering;

namespace Parley.IntegrationTests.Tls;

/// <summary>
/// <c>tls.grpc.verify_incoming</c> on the gRPC TLS port: a client without a certificate from the section's CA (none, or
/// another CA's) is refused in the handshake; peering keeps working, because a dialer asking for the peering server name
/// needs no certificate, and such a connection reaches the peer stream only (Consul's peering SNI rule).
/// </summary>
public sealed class GrpcVerifyIncomingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyIncoming_RefusesClientsWithoutTheCasCertificate_PeeringStillEstablishes()
    {
        using var pki = new TlsWorkspace();
        await pki.MustRunAsync(Ct, "tls", "ca", "create");
        await pki.MustRunAsync(Ct, "tls", "cert", "create", "-server", "-dc", "dc1");
        await pki.MustRunAsync(Ct, "tls", "cert", "create", "-server", "-dc", "dc2");
        await pki.MustRunAsync(Ct, "tls", "cert", "create", "-client", "-dc", "dc1");
        using var stranger = new TlsWorkspace();
        await stranger.MustRunAsync(Ct, "tls", "ca", "create");
        await stranger.MustRunAsync(Ct, "tls", "cert", "create", "-client", "-dc", "dc1");

        await using var acceptor = await PeeringCluster.StartAsync(c => Verifying(c, pki, "dc1"), cancellationToken: Ct);
        await using var dialer = await PeeringCluster.StartAsync(c => Verifying(c, pki, "dc2"), cancellationToken: Ct);
        await PeeringSteps.PeerAsync(acceptor, "cluster-02", dialer, "cluster-01");

        var port = acceptor.Ports.GrpcTls;
        using var own = X509Certificate2.CreateFromPemFile(pki["dc1-client-consul-0.pem"], pki["dc1-client-consul-0-key.pem"]);
        using var foreign = X509Certificate2.CreateFromPemFile(
            stranger["dc1-client-consul-0.pem"], stranger["dc1-client-consul-0-key.pem"]);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => GetAsync(port, "server.dc1.consul", null));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => GetAsync(port, "server.dc1.consul", foreign));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(port, "server.dc1.consul", own));

        // The peering server name (a user reads it from any peering token) opens the handshake without a certificate,
        // and nothing but the peer stream behind it.
        var token =
            JsonNode.Parse(
            Encoding.UTF8.GetString(Convert.FromBase64String(await PeeringSteps.GenerateTokenAsync(acceptor, "cluster-03"))))!;
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(port, (string)token["ServerName"]!, null));
    }

    private static AgentConfig Verifying(AgentConfig config, TlsWorkspace pki, string datacenter) => config with
    {
        Datacenter = datacenter,
        Tls = new TlsConfig
        {
            Grpc = new TlsSection
            {
                CaFile = pki["consul-agent-ca.pem"],
                CertFile = pki[$"{datacenter}-server-consul-0.pem"],
                KeyFile = pki[$"{datacenter}-server-consul-0-key.pem"],
                VerifyIncoming = true,
            },
        },
    };

    /// <summary><c>GET /v1/status/leader</c> over HTTP/2 on the gRPC TLS port, asking for <paramref name="serverName"/>.</summary>
    private static async Task<HttpStatusCode> GetAsync(int port, string serverName, X509Certificate2? certificate)
    {
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                // Offered whatever CA names the server lists, as Consul's clients do.
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
                // Which certificate the server presents is GrpcTlsCertificateTests' subject; here only the client's counts.
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null,
            },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{port}/v1/status/leader")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        // SocketsHttpHandler sends the Host header as SNI (as the peering dialer does); an IP address would send none.
        request.Headers.Host = serverName;
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
