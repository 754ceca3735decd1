using System.Net;
using Parley.Core.Connect;
using Parley.Proxy.Tests.Support;
using Parley.Testing;

namespace Parley.Proxy.Tests.Inbound;

/// <summary>L7: intentions decide every request, including a peer caller named by our own gateway's XFCC.</summary>
public sealed class InboundIntentionsTests : IAsyncLifetime
{
    private readonly TestCluster _local = new("dc1");
    private readonly TestCluster _peer = new("dc2");
    private TestBackend _backend = null!;
    private SidecarHarness _sidecar = null!;
    private int _port;

    public async ValueTask InitializeAsync()
    {
        _backend = await TestBackend.StartHttpAsync("backend");
        _port = FreePorts.Next();
        _sidecar = await SidecarHarness.StartAsync(
            TestSnapshots.Sidecar(_local, "backend", _port, _backend.Port, "http", peerBundles: [_peer.Bundle("cluster-02")]));
    }

    public async ValueTask DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        await _backend.DisposeAsync();
        _local.Dispose();
        _peer.Dispose();
    }

    private HttpClient ClientAs(Parley.Proxy.Tls.LeafCertificate leaf) => MeshClient.Create(leaf, MeshClient.To(_local, "backend"), _port);

    [Fact]
    public async Task Deny_Answers403WithEnvoysBody_AndAllowLetsThrough()
    {
        using var web = ClientAs(_local.Leaf("web"));
        using var api = ClientAs(_local.Leaf("api"));
        await _sidecar.PublishAsync(_sidecar.Current.WithIntentions("""
            {"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"web","Action":"deny"},{"Name":"*","Action":"allow"}]}
            """));

        var denied = await web.FetchAsync("/");
        var allowed = await api.FetchAsync("/");

        Assert.Equal((HttpStatusCode.Forbidden, "RBAC: access denied"), (denied.Status, denied.Body));
        Assert.Equal((HttpStatusCode.OK, "backend /"), (allowed.Status, allowed.Body));
        Assert.Equal(1, _backend.Requests);
    }

    [Fact]
    public async Task IntentionChange_RefusesTheNextRequestOnTheSameConnection()
    {
        using var web = ClientAs(_local.Leaf("web"));
        Assert.Equal(HttpStatusCode.OK, (await web.FetchAsync("/")).Status);

        await _sidecar.PublishAsync(
            _sidecar.Current.WithIntentions(
            """{"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"web","Action":"deny"}]}"""));

        Assert.Equal(HttpStatusCode.Forbidden, (await web.FetchAsync("/")).Status);
    }

    [Fact]
    public async Task DefaultDeny_RefusesWhatNoIntentionAllows()
    {
        await _sidecar.PublishAsync(TestSnapshots.Sidecar(_local, "backend", _port, _backend.Port, "http", defaultAllow: false)
            .WithIntentions("""{"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"api","Action":"allow"}]}"""));
        using var web = ClientAs(_local.Leaf("web"));
        using var api = ClientAs(_local.Leaf("api"));

        Assert.Equal(HttpStatusCode.Forbidden, (await web.FetchAsync("/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.FetchAsync("/")).Status);
    }

    [Fact]
    public async Task L7Permissions_DecideByPathAndMethod()
    {
        await _sidecar.PublishAsync(_sidecar.Current.WithIntentions("""
            {"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"web","Permissions":[
              {"Action":"allow","HTTP":{"PathPrefix":"/api","Methods":["GET"]}},
              {"Action":"deny","HTTP":{"PathRegex":"/.*"}}]}]}
            """));
        using var web = ClientAs(_local.Leaf("web"));

        Assert.Equal(HttpStatusCode.OK, (await web.FetchAsync("/api/x")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await web.FetchAsync("/admin")).Status);
        using var post = await web.PostAsync("/api/x", new StringContent("x"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task PeerCallerThroughOurGateway_IsJudgedByTheXfccUri()
    {
        await _sidecar.PublishAsync(_sidecar.Current.WithIntentions("""
            {"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"frontend","Peer":"cluster-02","Action":"deny"},
             {"Name":"frontend","Action":"allow"}]}
            """));
        using var gateway = ClientAs(_local.GatewayLeaf());
        var peerFrontend = Xfcc(_local.GatewayId, _peer.ServiceId("frontend"));
        var localFrontend = Xfcc(_local.GatewayId, _local.ServiceId("frontend"));

        var fromPeer = await gateway.FetchAsync("/", r => r.Headers.Add("X-Forwarded-Client-Cert", peerFrontend));
        var fromLocal = await gateway.FetchAsync("/", r => r.Headers.Add("X-Forwarded-Client-Cert", localFrontend));

        Assert.Equal(HttpStatusCode.Forbidden, fromPeer.Status);
        Assert.Equal(HttpStatusCode.OK, fromLocal.Status);
    }

    [Fact]
    public async Task PeerAllowThroughOurGateway_AdmitsOnlyThatPeersService()
    {
        await _sidecar.PublishAsync(
            TestSnapshots.Sidecar(_local, "backend", _port, _backend.Port, "http", [_peer.Bundle("cluster-02")], defaultAllow: false)
            .WithIntentions(
                """{"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"frontend","Peer":"cluster-02","Action":"allow"}]}"""));
        using var gateway = ClientAs(_local.GatewayLeaf());

        var peer = await gateway.FetchAsync(
            "/", r => r.Headers.Add("X-Forwarded-Client-Cert", Xfcc(_local.GatewayId, _peer.ServiceId("frontend"))));
        var other = await gateway.FetchAsync(
            "/", r => r.Headers.Add("X-Forwarded-Client-Cert", Xfcc(_local.GatewayId, _peer.ServiceId("admin"))));
        var none = await gateway.FetchAsync("/");

        Assert.Equal(HttpStatusCode.OK, peer.Status);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Equal(HttpStatusCode.Forbidden, none.Status);
    }

    [Fact]
    public async Task XfccFromAnythingButOurGateway_IsIgnored()
    {
        await _sidecar.PublishAsync(
            TestSnapshots.Sidecar(_local, "backend", _port, _backend.Port, "http", [_peer.Bundle("cluster-02")], defaultAllow: false)
            .WithIntentions(
                """{"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"frontend","Peer":"cluster-02","Action":"allow"}]}"""));
        using var web = ClientAs(_local.Leaf("web"));
        using var peerGateway = ClientAs(_peer.GatewayLeaf());
        var claim = Xfcc(_local.GatewayId, _peer.ServiceId("frontend"));

        // A local service, and the peer's own gateway, both claim to forward the peer's frontend: neither is believed.
        Assert.Equal(HttpStatusCode.Forbidden, (await web.FetchAsync("/", r => r.Headers.Add("X-Forwarded-Client-Cert", claim))).Status);
        Assert.Equal(
            HttpStatusCode.Forbidden, (await peerGateway.FetchAsync("/", r => r.Headers.Add("X-Forwarded-Client-Cert", claim))).Status);
    }

    [Fact]
    public async Task ForwardedRequest_CarriesTheCallerInAnAppendedXfcc()
    {
        using var web = ClientAs(_local.Leaf("web"));

        var (_, _, response) =
            await web.FetchAsync(
            "/", r => r.Headers.Add("X-Forwarded-Client-Cert", "By=spiffe://x/ns/default/dc/dc1/svc/y;URI=spiffe://z"));
        var seen = ForwardedClientCert.Parse(response.Headers.GetValues("x-seen-xfcc").Single());

        Assert.Equal(2, seen.Count);
        Assert.Equal(_local.ServiceId("backend"), seen[1].By);
        Assert.Equal(_local.ServiceId("web"), seen[1].Uri);
        Assert.Contains("BEGIN CERTIFICATE", seen[1].Cert, StringComparison.Ordinal);
        Assert.Equal($"127.0.0.1:{_port}", response.Headers.GetValues("x-seen-host").Single());
    }

    private static string Xfcc(string by, string uri) =>
        ForwardedClientCert.Format(new ForwardedClientCertElement { By = by, Hash = "00", Uri = uri });
}
