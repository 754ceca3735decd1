using System.Net;
using System.Security.Cryptography.X509Certificates;
using Parley.Proxy.Tests.Support;
using Parley.Proxy.Tls;
using Parley.Testing;
using static Parley.Proxy.Tests.Support.TestTargets;

namespace Parley.Proxy.Tests.Outbound;

/// <summary>A renewed leaf is presented on new handshakes; requests in flight on the old one finish.</summary>
public sealed class LeafRotationTests : IAsyncDisposable
{
    private readonly TestCluster _cluster = new("dc1");
    private readonly OwnedResources _owned = new();

    public async ValueTask DisposeAsync()
    {
        await _owned.DisposeAsync();

        _cluster.Dispose();
    }

    [Fact]
    public async Task NewLeaf_IsPresentedOnNewHandshakes_WithoutDroppingTheRequestInFlight()
    {
        var ct = TestContext.Current.CancellationToken;
        var backend = await TestBackend.StartHttpAsync("backend");
        _owned.Add(backend);
        var port = FreePorts.Next();
        var destination = await SidecarHarness.StartAsync(TestSnapshots.Sidecar(_cluster, "backend", port, backend.Port, "http"));
        _owned.Add(destination);
        var bind = FreePorts.Next();
        var caller = await SidecarHarness.StartAsync(TestSnapshots.Sidecar(_cluster, "web", FreePorts.Next(), 1, "http") with
        {
            Upstreams = [Upstream("backend", bind, Chain(_cluster, "backend", HttpDefaults), Local(_cluster, "backend", "http", At(port)))],
        });
        _owned.Add(caller);
        using var app = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{bind}"), Timeout = TimeSpan.FromSeconds(15) };
        var before = await PresentedSerialAsync(port);

        var inFlight = app.GetStringAsync("/slow", ct);
        await Task.Delay(300, ct);
        var renewed = _cluster.Leaf("backend");
        await destination.PublishAsync(destination.Current with { Leaf = renewed });
        await caller.PublishAsync(caller.Current with { Leaf = _cluster.Leaf("web") });

        Assert.Equal("backend /slow", await inFlight.WaitAsync(TimeSpan.FromSeconds(15), ct));
        Assert.Equal(renewed.Certificate.SerialNumber, await PresentedSerialAsync(port));
        Assert.NotEqual(before, renewed.Certificate.SerialNumber);
        Assert.Equal("backend /after", await app.GetStringAsync("/after", ct));
    }

    private async Task<string> PresentedSerialAsync(int port)
    {
        var tls = new ClientTlsSettings(_cluster.Sni("backend"), [_cluster.ServiceId("backend")], new TrustStore([_cluster.Bundle()]), []);
        await using var stream = await MeshDialer.ConnectTlsAsync(new IPEndPoint(IPAddress.Loopback, port),
            MeshTls.ClientOptions(_cluster.Leaf("probe"), tls, TimeProvider.System), TimeSpan.FromSeconds(5), TimeProvider.System,
            TestContext.Current.CancellationToken);
        return X509CertificateLoader.LoadCertificate(stream.RemoteCertificate!.GetRawCertData()).SerialNumber;
    }
}
