using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Parley.Proxy.Tests.Support;
using Parley.Testing;

namespace Parley.Proxy.Tests.Inbound;

/// <summary>Nothing reaches the application through the public port without a leaf from a trusted CA.</summary>
public sealed class InboundMtlsTests : IAsyncLifetime
{
    private readonly TestCluster _cluster = new("dc1");
    private readonly TestCluster _stranger = new("dc9");
    private TestBackend _backend = null!;
    private SidecarHarness _sidecar = null!;
    private int _port;

    public async ValueTask InitializeAsync()
    {
        _backend = await TestBackend.StartHttpAsync("backend");
        _port = FreePorts.Next();
        _sidecar = await SidecarHarness.StartAsync(TestSnapshots.Sidecar(_cluster, "backend", _port, _backend.Port, "http"));
    }

    public async ValueTask DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        await _backend.DisposeAsync();
        _cluster.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public async Task TrustedLeaf_ReachesTheApplication()
    {
        using var client = MeshClient.Create(_cluster.Leaf("web"), MeshClient.To(_cluster, "backend"), _port);

        var (status, body, _) = await client.FetchAsync("/hello");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("backend /hello", body);
    }

    [Fact]
    public async Task PlainHttp_GetsNothing()
    {
        var answer = await RawExchangeAsync(stream => stream, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.DoesNotContain("backend", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.Equal(0, _backend.Requests);
    }

    [Fact]
    public async Task TlsWithoutClientCertificate_GetsNothing()
    {
        var answer = await RawExchangeAsync(stream =>
        {
#pragma warning disable CA5359 // The test client plays an attacker; what it trusts is irrelevant.
            var tls = new SslStream(stream, false, (_, _, _, _) => true);
#pragma warning restore CA5359
            tls.AuthenticateAsClient("backend");
            return tls;
        }, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");

        Assert.DoesNotContain("backend", answer, StringComparison.Ordinal);
        Assert.Equal(0, _backend.Requests);
    }

    [Fact]
    public async Task LeafFromAnotherCa_GetsNothing()
    {
        using var client = MeshClient.Create(_stranger.Leaf("web"), MeshClient.To(_cluster, "backend"), _port);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.FetchAsync("/"));
        Assert.Equal(0, _backend.Requests);
    }

    [Fact]
    public async Task ForgedLeafForOurTrustDomain_GetsNothing()
    {
        // Signed by a CA we do not trust, claiming an identity in our trust domain.
        using var client = MeshClient.Create(_stranger.Forge(_cluster.ServiceId("web")), MeshClient.To(_cluster, "backend"), _port);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.FetchAsync("/"));
        Assert.Equal(0, _backend.Requests);
    }

    // Sends a request on a raw connection (optionally wrapped) and returns whatever comes back before the close.
    private async Task<string> RawExchangeAsync(Func<Stream, Stream> wrap, string request)
    {
        var ct = TestContext.Current.CancellationToken;
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _port), ct);
        var received = new StringBuilder();
        try
        {
            await using var stream = wrap(new NetworkStream(socket, ownsSocket: false));
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), ct);
            var buffer = new byte[4096];
            while (true)
            {
                var read = await stream.ReadAsync(buffer, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
                if (read == 0)
                {
                    break;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or SocketException)
        {
            // Refused: the handshake failed or the connection was reset.
        }

        return received.ToString();
    }
}
