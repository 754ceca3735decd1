using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using Grpc.Net.Client;
using Parley.Core.Connect;
using Parley.Core.DiscoveryChain.Execution;
using Parley.Proxy.Config;
using Parley.Proxy.Tests.Support;
using Parley.Proxy.Tests.Support.Grpc;
using Parley.Proxy.Tls;
using Parley.Testing;
using static Parley.Proxy.Tests.Support.TestGateways;
using static Parley.Proxy.Tests.Support.TestTargets;

namespace Parley.Proxy.Tests.Gateway;

/// <summary>
/// The exporting gateway for HTTP services: it terminates the peer caller's mTLS with its own leaf, accepts only the peer
/// whose SNI was used, runs the exporter's chain, sets XFCC as Consul's gateway does and re-originates mTLS to the
/// service's sidecar, whose intentions then judge the peer's caller.
/// </summary>
public sealed class GatewayTerminationTests : IAsyncLifetime
{
    private readonly TestCluster _exporter = new("dc1");
    private readonly TestCluster _importer = new("dc2");
    private readonly TestCluster _third = new("dc3");
    private readonly OwnedResources _owned = new();
    private TestBackend _backend = null!;
    private SidecarHarness _sidecar = null!;
    private GatewayHarness _gateway = null!;
    private int _gatewayPort;

    public async ValueTask InitializeAsync()
    {
        _backend = await _owned.Add(TestBackend.StartHttpAsync("backend"));
        var sidecarPort = FreePorts.Next();
        _sidecar = await _owned.Add(SidecarHarness.StartAsync(TestSnapshots.Sidecar(
            _exporter, "backend", sidecarPort, _backend.Port, "http", [_importer.Bundle("cluster-02"), _third.Bundle("cluster-03")])));
        var target = Local(_exporter, "backend", "http", At(sidecarPort));
        var plan = Chain(_exporter, "backend", HttpDefaults);
        _gatewayPort = FreePorts.Next();
        _gateway = await _owned.Add(GatewayHarness.StartAsync(Snapshot(_exporter, _gatewayPort,
            Terminating(_exporter, "backend", "cluster-02", _importer.Bundle("cluster-02"), plan, target),
            Terminating(_exporter, "backend", "cluster-03", _third.Bundle("cluster-03"), plan, target))));
    }

    public async ValueTask DisposeAsync()
    {
        await _owned.DisposeAsync();

        _exporter.Dispose();
        _importer.Dispose();
        _third.Dispose();
    }

    private HttpClient Caller(LeafCertificate? leaf = null, string peer = "cluster-02") =>
        MeshClient.Create(leaf ?? _importer.Leaf("frontend"), Dial(_exporter, "backend", peer, "http"), _gatewayPort);

    [Fact]
    public async Task PeerCaller_ReachesTheBackend_WithXfccSetAsConsulsExportingGateway()
    {
        var leaf = _importer.Leaf("frontend");
        using var client = Caller(leaf);

        var (status, body, response) = await client.FetchAsync("/hello?x=1");
        var xfcc = response.Headers.GetValues("x-seen-xfcc").Single();
        var elements = ForwardedClientCert.Parse(xfcc);

        Assert.Equal((HttpStatusCode.OK, "backend /hello?x=1"), (status, body));
        Assert.Equal(2, elements.Count);
        var set = elements[0];
        Assert.Equal(_exporter.GatewayId, set.By);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(leaf.Certificate.RawData)), set.Hash);
        Assert.Equal(leaf.Certificate.ExportCertificatePem().Trim(), set.Cert.Trim());
        Assert.StartsWith(set.Cert, set.Chain, StringComparison.Ordinal);
        // Envoy writes the certificate's subject: empty for Consul's leaves (and the mesh CA's), whatever this test CA sets.
        Assert.Equal(leaf.Certificate.SubjectName.Name, set.Subject);
        Assert.Equal(_importer.ServiceId("frontend"), set.Uri);
        Assert.StartsWith($"By={_exporter.GatewayId};Hash={set.Hash};Cert=\"", xfcc, StringComparison.Ordinal);
        Assert.Contains($";Subject=\"{set.Subject}\";URI={_importer.ServiceId("frontend")},", xfcc, StringComparison.Ordinal);

        // The destination sidecar appended what it saw: the gateway's leaf, re-originated mTLS.
        Assert.Equal((_exporter.ServiceId("backend"), _exporter.GatewayId), (elements[1].By, elements[1].Uri));
    }

    [Fact]
    public async Task XfccFromTheCaller_IsReplacedNotTrusted()
    {
        using var client = Caller();

        var (status, _, response) = await client.FetchAsync("/", request =>
            request.Headers.TryAddWithoutValidation(ForwardedClientCert.HeaderName, $"By=x;URI={_exporter.ServiceId("admin")}"));

        var elements = ForwardedClientCert.Parse(response.Headers.GetValues("x-seen-xfcc").Single());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(_importer.ServiceId("frontend"), elements[0].Uri);
        Assert.DoesNotContain(elements, e => e.Uri == _exporter.ServiceId("admin"));
    }

    [Fact]
    public async Task TheDestinationsIntentionsJudgeThePeersCaller()
    {
        using var client = Caller();

        await _sidecar.PublishAsync(_sidecar.Current.WithIntentions(
            """{"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"frontend","Peer":"cluster-02","Action":"deny"}]}"""));
        var denied = await client.FetchAsync("/");
        await _sidecar.PublishAsync(_sidecar.Current.WithIntentions(
            """{"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"frontend","Action":"deny"}]}"""));
        var localNameOnly = await client.FetchAsync("/");

        Assert.Equal((HttpStatusCode.Forbidden, "RBAC: access denied"), (denied.Status, denied.Body));
        Assert.Equal(HttpStatusCode.OK, localNameOnly.Status);
    }

    [Fact]
    public async Task ClientCertificateFromAnUntrustedCa_IsRefused()
    {
        using var stranger = new TestCluster("dc9");
        using var client = Caller(stranger.Leaf("frontend"));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.FetchAsync("/"));
        Assert.Equal(0, _backend.Requests);
    }

    [Fact]
    public async Task ClientCertificateOfAnotherPeer_IsRefusedOnThisPeersSni()
    {
        using var wrongSni = Caller(_third.Leaf("frontend"), peer: "cluster-02");
        using var ownSni = Caller(_third.Leaf("frontend"), peer: "cluster-03");

        await Assert.ThrowsAsync<HttpRequestException>(() => wrongSni.FetchAsync("/"));
        var (status, _, response) = await ownSni.FetchAsync("/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(_third.ServiceId("frontend"), ForwardedClientCert.FirstUri(response.Headers.GetValues("x-seen-xfcc").Single()));
        Assert.Equal(1, _backend.Requests);
    }

    [Fact]
    public async Task ClientCertificateSignedForOurTrustDomainByThePeer_IsRefused()
    {
        // The peer's CA vouches only for the peer's trust domain.
        using var client = Caller(_importer.Forge(_exporter.ServiceId("frontend")));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.FetchAsync("/"));
        Assert.Equal(0, _backend.Requests);
    }

    [Fact]
    public async Task NoClientCertificate_GetsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _gatewayPort), ct);
#pragma warning disable CA5359 // The test client plays an attacker; what it trusts is irrelevant.
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), false, (_, _, _, _) => true);
#pragma warning restore CA5359
        var refused = false;
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions { TargetHost = Peered(_exporter, "backend", "cluster-02") }, ct);
            await tls.WriteAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray(), ct);
            refused = await tls.ReadAsync(new byte[512], ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct) == 0;
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            refused = true;
        }

        Assert.True(refused);
        Assert.Equal(0, _backend.Requests);
    }

    [Fact]
    public async Task TheExportersRouterRunsAtTheGateway()
    {
        var admin = await _owned.Add(TestBackend.StartHttpAsync("admin"));
        var adminSidecar = FreePorts.Next();
        await _owned.Add(
            SidecarHarness.StartAsync(
            TestSnapshots.Sidecar(_exporter, "backend-admin", adminSidecar, admin.Port, "http", [_importer.Bundle("cluster-02")])));
        var plan = Chain(_exporter, "backend", HttpDefaults,
            """{"Kind":"service-router","Name":"backend","Routes":[{"Match":{"HTTP":{"PathPrefix":"/admin"}},"Destination":""" +
                """{"Service":"backend-admin"}}]}""");
        await _gateway.PublishAsync(
            Snapshot(_exporter, _gatewayPort, Terminating(_exporter, "backend", "cluster-02", _importer.Bundle("cluster-02"), plan,
            Local(_exporter, "backend", "http", At(_sidecar.Proxy.InboundEndpoint!.Port)),
                Local(_exporter, "backend-admin", "http", At(adminSidecar)))));
        using var client = Caller();

        Assert.Equal("admin /admin/x", (await client.FetchAsync("/admin/x")).Body);
        Assert.Equal("backend /other", (await client.FetchAsync("/other")).Body);
    }

    [Fact]
    public async Task ExportWithdrawn_TheNextRequestAndConnectionFail()
    {
        using var client = Caller();
        var before = await client.FetchAsync("/");

        await _gateway.PublishAsync(Snapshot(_exporter, _gatewayPort));

        Assert.Equal(HttpStatusCode.OK, before.Status);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.FetchAsync("/"));
        using var fresh = Caller();
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.FetchAsync("/"));
        Assert.Equal(1, _backend.Requests);
    }

    [Fact]
    public async Task Grpc_FromAPeersSidecar_ThroughTheGateway_ReachesTheBackend()
    {
        var backend = await _owned.Add(TestBackend.StartGrpcAsync("grpc-backend"));
        var echoSidecar = FreePorts.Next();
        await _owned.Add(
            SidecarHarness.StartAsync(
            TestSnapshots.Sidecar(_exporter, "echo", echoSidecar, backend.Port, "grpc", [_importer.Bundle("cluster-02")])));
        var grpcDefaults = """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"grpc"}}""";
        await _gateway.PublishAsync(
            Snapshot(_exporter, _gatewayPort, Terminating(_exporter, "echo", "cluster-02", _importer.Bundle("cluster-02"),
            Chain(_exporter, "echo", grpcDefaults), Local(_exporter, "echo", "grpc", At(echoSidecar)))));

        // cluster-02's frontend sidecar: a peer upstream whose only endpoint is the exporting gateway (mode remote).
        const string Target = "echo.default.default.external.cluster-01";
        var bind = FreePorts.Next();
        var peerTarget = new TargetSnapshot
        {
            Id = Target,
            Tls = Dial(_exporter, "echo", "cluster-02", "grpc"),
            Endpoints = [At(_gatewayPort)],
        };
        await _owned.Add(SidecarHarness.StartAsync(TestSnapshots.Sidecar(_importer, "frontend", FreePorts.Next(), 1, "http") with
        {
            Upstreams = [Upstream("echo", bind, ChainPlan.SingleTarget(Target, "grpc", TimeSpan.FromSeconds(5)), peerTarget)],
        }));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{bind}");

        var reply = await new Echo.EchoClient(channel)
            .SayAsync(new EchoRequest { Text = "hi" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(("hi", "grpc-backend"), (reply.Text, reply.Backend));
    }
}
