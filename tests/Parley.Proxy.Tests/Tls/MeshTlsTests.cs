using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Parley.Proxy.Tests.Support;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Tests.Tls;

/// <summary>Handshakes over real loopback sockets with the mesh's server and client options.</summary>
public sealed class MeshTlsTests : IDisposable
{
    private readonly TestCluster _local = new("dc1");
    private readonly TestCluster _other = new("dc2");

    public void Dispose()
    {
        _local.Dispose();
        _other.Dispose();
    }

    private sealed record Outcome(PeerIdentity? Caller, string? ServerRefusal, Exception? ClientError);

    private async Task<Outcome> HandshakeAsync(LeafCertificate serverLeaf, TrustStore serverTrust, Func<int, Task<SslStream>> dial)
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        PeerIdentity? caller = null;
        string? refusal = null;
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync(ct);
            await using var stream = new SslStream(new NetworkStream(socket, ownsSocket: false));
            var options = MeshTls.ServerOptions(serverLeaf, serverTrust, TimeProvider.System, id => caller = id, r => refusal = r);
            try
            {
                await stream.AuthenticateAsServerAsync(options, ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
                await stream.WriteAsync("ok"u8.ToArray(), ct);
            }
            catch (AuthenticationException)
            {
            }
            catch (IOException)
            {
            }
        }, ct);

        Exception? clientError = null;
        try
        {
            await using var client = await dial(port);
            var buffer = new byte[2];
            await client.ReadExactlyAsync(buffer, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or TimeoutException)
        {
            clientError = e;
        }

        await server.WaitAsync(TimeSpan.FromSeconds(10), ct);
        return new Outcome(caller, refusal, clientError);
    }

    private Func<int, Task<SslStream>> Dial(LeafCertificate clientLeaf, ClientTlsSettings settings) => port =>
        MeshDialer.ConnectTlsAsync(
            new IPEndPoint(IPAddress.Loopback, port), MeshTls.ClientOptions(clientLeaf, settings, TimeProvider.System),
            TimeSpan.FromSeconds(5), TimeProvider.System, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Handshake_BothSidesTrusted_ServerLearnsTheCaller()
    {
        var trust = new TrustStore([_local.Bundle()]);
        var settings = new ClientTlsSettings(_local.Sni("api"), [_local.ServiceId("api")], trust, []);

        var outcome = await HandshakeAsync(_local.Leaf("api"), trust, Dial(_local.Leaf("web"), settings));

        Assert.Null(outcome.ClientError);
        Assert.Equal(_local.ServiceId("web"), outcome.Caller!.Id.Uri);
    }

    [Fact]
    public async Task Handshake_ServerIsNotTheExpectedService_ClientRefuses()
    {
        var trust = new TrustStore([_local.Bundle()]);
        var settings = new ClientTlsSettings(_local.Sni("api"), [_local.ServiceId("api")], trust, []);

        var outcome = await HandshakeAsync(_local.Leaf("impostor"), trust, Dial(_local.Leaf("web"), settings));

        Assert.IsType<AuthenticationException>(outcome.ClientError);
    }

    [Fact]
    public async Task Handshake_ClientFromAnotherCa_ServerRefuses()
    {
        var settings = new ClientTlsSettings(_local.Sni("api"), [_local.ServiceId("api")], new TrustStore([_local.Bundle()]), []);

        var outcome = await HandshakeAsync(_local.Leaf("api"), new TrustStore([_local.Bundle()]), Dial(_other.Leaf("web"), settings));

        Assert.NotNull(outcome.ClientError);
        Assert.Null(outcome.Caller);
        Assert.Contains("no trusted roots", outcome.ServerRefusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handshake_ClientWithoutCertificate_ServerRefuses()
    {
        var ct = TestContext.Current.CancellationToken;
        var outcome = await HandshakeAsync(_local.Leaf("api"), new TrustStore([_local.Bundle()]), async port =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
            var stream = new SslStream(new NetworkStream(socket, ownsSocket: true));
            await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "api",
#pragma warning disable CA5359 // The test client plays an attacker without a certificate; what it trusts is irrelevant.
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
            }, ct);
            return stream;
        });

        Assert.NotNull(outcome.ClientError);
        Assert.Null(outcome.Caller);
        Assert.Equal("no certificate presented", outcome.ServerRefusal);
    }

    [Fact]
    public async Task Handshake_PeerServer_TrustedOnlyThroughItsBundle()
    {
        var peerTrust = new TrustStore([_other.Bundle("cluster-02")]);
        var settings = new ClientTlsSettings("backend.default.default.cluster-01.external." + _other.TrustDomain,
            [_other.ServiceId("backend"), _other.GatewayId], peerTrust, []);
        var serverTrust = new TrustStore([_other.Bundle(), _local.Bundle("cluster-01")]);

        var viaGateway = await HandshakeAsync(_other.GatewayLeaf(), serverTrust, Dial(_local.Leaf("frontend"), settings));

        Assert.Null(viaGateway.ClientError);
        Assert.Equal("cluster-01", viaGateway.Caller!.PeerName);
    }
}
