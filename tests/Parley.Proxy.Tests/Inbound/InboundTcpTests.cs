using System.Net;
using System.Text;
using Parley.Proxy.Tests.Support;
using Parley.Proxy.Tls;
using Parley.Testing;

namespace Parley.Proxy.Tests.Inbound;

/// <summary>L4: intentions decide each new connection, which is then piped to the application.</summary>
public sealed class InboundTcpTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly TestCluster _local = new("dc1");
    private readonly TestCluster _peer = new("dc2");
    private TcpEchoServer _app = null!;
    private SidecarHarness _sidecar = null!;
    private int _port;

    public async ValueTask InitializeAsync()
    {
        _app = new TcpEchoServer("db");
        _port = FreePorts.Next();
        _sidecar = await SidecarHarness.StartAsync(
            TestSnapshots.Sidecar(_local, "db", _port, _app.Port, "tcp", peerBundles: [_peer.Bundle("cluster-02")]));
    }

    public async ValueTask DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        await _app.DisposeAsync();
        _local.Dispose();
        _peer.Dispose();
    }

    private async Task<Stream> ConnectAsync(LeafCertificate leaf)
    {
        var tls = new ClientTlsSettings(_local.Sni("db"), [_local.ServiceId("db")], new TrustStore([_local.Bundle()]), []);
        return await MeshDialer.ConnectTlsAsync(new IPEndPoint(IPAddress.Loopback, _port),
            MeshTls.ClientOptions(leaf, tls, TimeProvider.System), TimeSpan.FromSeconds(5), TimeProvider.System,
                TestContext.Current.CancellationToken);
    }

    private static async Task<string> ExchangeAsync(Stream stream, string text)
    {
        var ct = TestContext.Current.CancellationToken;
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, ct).AsTask().WaitAsync(Bound, ct);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    // What a refused connection yields: end of stream or a reset, never application bytes.
    private static async Task<string> RefusedAsync(Func<Task<Stream>> connect)
    {
        try
        {
            await using var stream = await connect();
            return await ExchangeAsync(stream, "hello");
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            return "";
        }
    }

    [Fact]
    public async Task AllowedConnection_IsPipedBothWays()
    {
        await using var stream = await ConnectAsync(_local.Leaf("web"));

        Assert.Equal("db:hello", await ExchangeAsync(stream, "hello"));
        Assert.Equal("db:again", await ExchangeAsync(stream, "again"));
    }

    [Fact]
    public async Task DeniedConnection_ClosesWithoutBytes()
    {
        await _sidecar.PublishAsync(
            _sidecar.Current.WithIntentions("""{"Kind":"service-intentions","Name":"db","Sources":[{"Name":"web","Action":"deny"}]}"""));

        Assert.Equal("", await RefusedAsync(() => ConnectAsync(_local.Leaf("web"))));
        Assert.Equal(0, _app.Connections);
    }

    [Fact]
    public async Task IntentionChange_KeepsOpenConnectionsAndRefusesNewOnes()
    {
        await using var open = await ConnectAsync(_local.Leaf("web"));
        Assert.Equal("db:one", await ExchangeAsync(open, "one"));

        await _sidecar.PublishAsync(
            _sidecar.Current.WithIntentions("""{"Kind":"service-intentions","Name":"db","Sources":[{"Name":"web","Action":"deny"}]}"""));

        Assert.Equal("db:two", await ExchangeAsync(open, "two"));
        Assert.Equal("", await RefusedAsync(() => ConnectAsync(_local.Leaf("web"))));
    }

    [Fact]
    public async Task PeerCaller_IsJudgedByItsPeer()
    {
        await _sidecar.PublishAsync(_sidecar.Current.WithIntentions("""
            {"Kind":"service-intentions","Name":"db","Sources":[{"Name":"web","Peer":"cluster-02","Action":"deny"}]}
            """));

        Assert.Equal("", await RefusedAsync(() => ConnectAsync(_peer.Leaf("web"))));
        await using var local = await ConnectAsync(_local.Leaf("web"));
        Assert.Equal("db:x", await ExchangeAsync(local, "x"));
    }

    [Fact]
    public async Task L7IntentionOnTcpService_Denies()
    {
        await _sidecar.PublishAsync(_sidecar.Current.WithIntentions("""
            {"Kind":"service-intentions","Name":"db","Sources":[{"Name":"web","Permissions":[{"Action":"allow",
             "HTTP":{"PathPrefix":"/"}}]}]}
            """));

        Assert.Equal("", await RefusedAsync(() => ConnectAsync(_local.Leaf("web"))));
    }
}
