using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Parley.Core.Connect.Gateway;
using Parley.Proxy.Tests.Support;
using Parley.Proxy.Tls;
using Parley.Testing;
using static Parley.Proxy.Tests.Support.TestGateways;

namespace Parley.Proxy.Tests.Gateway;

/// <summary>SNI routes whose bytes the gateway never reads: the caller's TLS session reaches the far end unchanged.</summary>
public sealed class GatewayPassthroughTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly TestCluster _exporter = new("dc1");
    private readonly TestCluster _importer = new("dc2");
    private readonly OwnedResources _owned = new();

    public async ValueTask DisposeAsync()
    {
        await _owned.DisposeAsync();

        _exporter.Dispose();
        _importer.Dispose();
    }

    /// <summary>The far end of the exported TCP service <c>db</c>: presents db's leaf, trusts the importer's roots.</summary>
    private TlsIdentityServer Db() => _owned.Add(
        new TlsIdentityServer(_exporter.Leaf("db"), new TrustStore([_importer.Bundle("cluster-02")])));

    private ClientTlsSettings DialDb(string? sni = null) => new(
        sni ?? Peered(_exporter, "db", "cluster-02"), [_exporter.ServiceId("db")], new TrustStore([_exporter.Bundle("cluster-01")]), []);

    private async Task<SslStream> ConnectAsync(int port, ClientTlsSettings tls, LeafCertificate? leaf = null) =>
        await MeshDialer.ConnectTlsAsync(
            new IPEndPoint(IPAddress.Loopback, port), MeshTls.ClientOptions(leaf ?? _importer.Leaf("frontend"), tls, TimeProvider.System),
            TimeSpan.FromSeconds(5), TimeProvider.System, TestContext.Current.CancellationToken);

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var buffer = new byte[512];
        var text = new StringBuilder();
        while (!text.ToString().Contains('\n', StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask()
                .WaitAsync(Bound, TestContext.Current.CancellationToken);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString().TrimEnd('\n');
    }

    private async Task<string> WhoAmIAsync(int port, ClientTlsSettings? tls = null)
    {
        await using var stream = await ConnectAsync(port, tls ?? DialDb());
        return await ReadLineAsync(stream);
    }

    // A connection the gateway closes: the handshake fails or the stream ends, nothing from the far end.
    private async Task<bool> ClosedAsync(int port, ClientTlsSettings tls)
    {
        try
        {
            return (await WhoAmIAsync(port, tls)).Length == 0;
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            return true;
        }
    }

    [Fact]
    public async Task ExportedTcp_TheFarEndSeesTheOriginalCallersCertificate()
    {
        var db = Db();
        var gateway = await _owned.Add(GatewayHarness.StartAsync(Snapshot(_exporter, FreePorts.Next(),
            Passthrough(MeshGatewayRouteKind.ExportedTcp, Peered(_exporter, "db", "cluster-02"), TestTargets.At(db.Port)))));

        await using var stream = await ConnectAsync(gateway.Port, DialDb());
        var seen = await ReadLineAsync(stream);

        // The caller verified db's own certificate (the SAN check admits only db), and db saw the caller's.
        Assert.Equal(_importer.ServiceId("frontend"), seen);
        Assert.Equal(_exporter.ServiceId("db"), UriOf(stream.RemoteCertificate!));
    }

    [Fact]
    public async Task UnknownSni_NoSni_OrPlainText_AreClosedWithoutReachingAnyone()
    {
        var db = Db();
        var gateway = await _owned.Add(GatewayHarness.StartAsync(Snapshot(_exporter, FreePorts.Next(),
            Passthrough(MeshGatewayRouteKind.ExportedTcp, Peered(_exporter, "db", "cluster-02"), TestTargets.At(db.Port)))));

        Assert.True(await ClosedAsync(gateway.Port, DialDb(Peered(_exporter, "db", "cluster-09"))));
        Assert.True(await ClosedAsync(gateway.Port, DialDb("127.0.0.1")));
        Assert.Equal("", await PlainExchangeAsync(gateway.Port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        Assert.Equal(0, db.Connections);
    }

    [Fact]
    public async Task OnlyHealthyEndpointsReceiveConnections()
    {
        var sick = Db();
        var well = Db();
        var gateway = await _owned.Add(GatewayHarness.StartAsync(Snapshot(_exporter, FreePorts.Next(),
            Passthrough(MeshGatewayRouteKind.ExportedTcp, Peered(_exporter, "db", "cluster-02"),
                TestTargets.At(sick.Port, healthy: false), TestTargets.At(well.Port)))));

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(_importer.ServiceId("frontend"), await WhoAmIAsync(gateway.Port));
        }

        Assert.Equal(0, sick.Connections);
        Assert.Equal(10, well.Connections);
    }

    [Fact]
    public async Task NoHealthyEndpoint_ClosesTheConnection()
    {
        var db = Db();
        var gateway = await _owned.Add(GatewayHarness.StartAsync(Snapshot(_exporter, FreePorts.Next(),
            Passthrough(
                MeshGatewayRouteKind.ExportedTcp, Peered(_exporter, "db", "cluster-02"), TestTargets.At(db.Port, healthy: false)))));

        Assert.True(await ClosedAsync(gateway.Port, DialDb()));
        Assert.Equal(0, db.Connections);
    }

    [Fact]
    public async Task RouteChanges_ApplyToTheNextConnection()
    {
        var first = Db();
        var second = Db();
        var sni = Peered(_exporter, "db", "cluster-02");
        var port = FreePorts.Next();
        var gateway =
            await _owned.Add(
            GatewayHarness.StartAsync(
            Snapshot(_exporter, port, Passthrough(MeshGatewayRouteKind.ExportedTcp, sni, TestTargets.At(first.Port)))));
        await using var open = await ConnectAsync(gateway.Port, DialDb());

        await gateway.PublishAsync(Snapshot(_exporter, port));
        var withoutRoute = await ClosedAsync(gateway.Port, DialDb());
        await gateway.PublishAsync(
            Snapshot(_exporter, port, Passthrough(MeshGatewayRouteKind.ExportedTcp, sni, TestTargets.At(second.Port))));
        var moved = await WhoAmIAsync(gateway.Port);

        Assert.True(withoutRoute);
        Assert.Equal(_importer.ServiceId("frontend"), moved);
        Assert.Equal(1, second.Connections);
        Assert.Equal(_importer.ServiceId("frontend"), await ReadLineAsync(open));
    }

    [Fact]
    public async Task ThroughBothGateways_TheExportersSidecarJudgesThePeersCaller()
    {
        // cluster-02's app -> its gateway (imported: by SNI to the peer's gateway) -> cluster-01's gateway (exported tcp) -> db's sidecar.
        var app = _owned.Add(new TcpEchoServer("db"));
        var sidecarPort = FreePorts.Next();
        var sidecar = await _owned.Add(SidecarHarness.StartAsync(
            TestSnapshots.Sidecar(_exporter, "db", sidecarPort, app.Port, "tcp", peerBundles: [_importer.Bundle("cluster-02")])));
        var sni = Peered(_exporter, "db", "cluster-02");
        var exporting = await _owned.Add(GatewayHarness.StartAsync(Snapshot(_exporter, FreePorts.Next(),
            Passthrough(MeshGatewayRouteKind.ExportedTcp, sni, TestTargets.At(sidecarPort)))));
        var importing = await _owned.Add(GatewayHarness.StartAsync(Snapshot(_importer, FreePorts.Next(),
            Passthrough(MeshGatewayRouteKind.Imported, sni, TestTargets.At(exporting.Port)))));

        var allowed = await ExchangeAsync(importing.Port, sni, "ping");
        await sidecar.PublishAsync(sidecar.Current.WithIntentions(
            """{"Kind":"service-intentions","Name":"db","Sources":[{"Name":"frontend","Peer":"cluster-02","Action":"deny"}]}"""));
        var denied = await ExchangeOrNothingAsync(importing.Port, sni, "ping");

        Assert.Equal("db:ping", allowed);
        Assert.Equal("", denied);
    }

    private async Task<string> ExchangeAsync(int port, string sni, string text)
    {
        var tls = new ClientTlsSettings(sni, [_exporter.ServiceId("db")], new TrustStore([_exporter.Bundle("cluster-01")]), []);
        await using var stream = await ConnectAsync(port, tls);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), TestContext.Current.CancellationToken);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask()
            .WaitAsync(Bound, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private async Task<string> ExchangeOrNothingAsync(int port, string sni, string text)
    {
        try
        {
            return await ExchangeAsync(port, sni, text);
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static async Task<string> PlainExchangeAsync(int port, string request)
    {
        var ct = TestContext.Current.CancellationToken;
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), ct);
        var buffer = new byte[1024];
        try
        {
            var read = await socket.ReceiveAsync(buffer, ct).AsTask().WaitAsync(Bound, ct);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (SocketException)
        {
            return "";
        }
    }

    private static string UriOf(System.Security.Cryptography.X509Certificates.X509Certificate certificate)
    {
        using var c2 = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return UriSans.Read(c2)[0];
    }
}
