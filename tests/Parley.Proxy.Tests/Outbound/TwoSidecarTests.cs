using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Net.Client;
using Parley.Proxy.Config;
using Parley.Proxy.Tests.Support;
using Parley.Proxy.Tests.Support.Grpc;
using Parley.Testing;
using static Parley.Proxy.Tests.Support.TestTargets;

namespace Parley.Proxy.Tests.Outbound;

/// <summary>Real traffic from an application through its sidecar's upstream listener and the destination's sidecar.</summary>
public sealed class TwoSidecarTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly TestCluster _cluster = new("dc1");
    private readonly OwnedResources _owned = new();

    public async ValueTask DisposeAsync()
    {
        await _owned.DisposeAsync();

        _cluster.Dispose();
    }

    /// <summary>A destination sidecar for <paramref name="service"/> in front of an application on <paramref name="appPort"/>.</summary>
    private async Task<int> DestinationAsync(
        string service, int appPort, string protocol, TestCluster? cluster = null, params Parley.Proxy.Tls.TrustBundle[] peers)
    {
        var port = FreePorts.Next();
        await _owned.Add(SidecarHarness.StartAsync(TestSnapshots.Sidecar(cluster ?? _cluster, service, port, appPort, protocol, peers)));
        return port;
    }

    /// <summary>The calling sidecar (service <c>web</c>) with the given upstreams; its public side is unused.</summary>
    private Task<SidecarHarness> CallerAsync(params UpstreamSnapshot[] upstreams) =>
        _owned.Add(
            SidecarHarness.StartAsync(TestSnapshots.Sidecar(_cluster, "web", FreePorts.Next(), 1, "http") with { Upstreams = upstreams }));

    private static HttpClient App(int upstreamPort) => new() { BaseAddress = new Uri($"http://127.0.0.1:{upstreamPort}"), Timeout = Bound };

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Http_ThroughTwoSidecars_ReachesTheBackend()
    {
        var backend = await _owned.Add(TestBackend.StartHttpAsync("backend"));
        var destination = await DestinationAsync("backend", backend.Port, "http");
        var bind = FreePorts.Next();
        await CallerAsync(
            Upstream("backend", bind, Chain(_cluster, "backend", HttpDefaults), Local(_cluster, "backend", "http", At(destination))));
        using var app = App(bind);

        var (status, body) = await GetAsync(app, "/hello?x=1");

        Assert.Equal((HttpStatusCode.OK, "backend /hello?x=1"), (status, body));
    }

    [Fact]
    public async Task Grpc_ThroughTwoSidecars_ReachesTheBackend()
    {
        var backend = await _owned.Add(TestBackend.StartGrpcAsync("grpc-backend"));
        var destination = await DestinationAsync("echo", backend.Port, "grpc");
        var bind = FreePorts.Next();
        var defaults = """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"grpc"}}""";
        await CallerAsync(Upstream("echo", bind, Chain(_cluster, "echo", defaults), Local(_cluster, "echo", "grpc", At(destination))));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{bind}");

        var reply = await new Echo.EchoClient(channel).SayAsync(
            new EchoRequest { Text = "hi" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(("hi", "grpc-backend"), (reply.Text, reply.Backend));
    }

    [Fact]
    public async Task Http2FromTheApp_ToAnHttpUpstream_IsAccepted()
    {
        var backend = await _owned.Add(TestBackend.StartHttpAsync("backend"));
        var destination = await DestinationAsync("backend", backend.Port, "http");
        var bind = FreePorts.Next();
        await CallerAsync(
            Upstream("backend", bind, Chain(_cluster, "backend", HttpDefaults), Local(_cluster, "backend", "http", At(destination))));
        using var app = new HttpClient
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await app.GetAsync($"http://127.0.0.1:{bind}/h2", TestContext.Current.CancellationToken);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("backend /h2", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Tcp_ThroughTwoSidecars_PipesBytes()
    {
        var db = new TcpEchoServer("db");
        _owned.Add(db);
        var destination = await DestinationAsync("db", db.Port, "tcp");
        var bind = FreePorts.Next();
        await CallerAsync(Upstream("db", bind, Chain(_cluster, "db"), Local(_cluster, "db", "tcp", At(destination))));
        var ct = TestContext.Current.CancellationToken;

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, bind), ct);
        await socket.SendAsync("ping"u8.ToArray(), ct);
        var buffer = new byte[64];
        var read = await socket.ReceiveAsync(buffer, ct).AsTask().WaitAsync(Bound, ct);

        Assert.Equal("db:ping", Encoding.UTF8.GetString(buffer, 0, read));
    }

    [Fact]
    public async Task NoHealthyEndpoint_Answers503()
    {
        var bind = FreePorts.Next();
        await CallerAsync(Upstream("backend", bind, Chain(_cluster, "backend", HttpDefaults),
            Local(_cluster, "backend", "http", At(FreePorts.Next(), healthy: false))));
        using var app = App(bind);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "no healthy upstream"), await GetAsync(app, "/"));
    }

    [Fact]
    public async Task WrongIdentityAtTheEndpoint_IsRefused()
    {
        // The endpoint is the sidecar of another service: its certificate does not carry the expected SAN.
        var impostor = await _owned.Add(TestBackend.StartHttpAsync("impostor"));
        var destination = await DestinationAsync("impostor", impostor.Port, "http");
        var bind = FreePorts.Next();
        await CallerAsync(
            Upstream("backend", bind, Chain(_cluster, "backend", HttpDefaults), Local(_cluster, "backend", "http", At(destination))));
        using var app = App(bind);

        var (status, _) = await GetAsync(app, "/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(0, impostor.Requests);
    }

    [Fact]
    public async Task UpstreamRemoved_ClosesItsListener_AndANewOneOpens()
    {
        var backend = await _owned.Add(TestBackend.StartHttpAsync("backend"));
        var destination = await DestinationAsync("backend", backend.Port, "http");
        var (first, second) = (FreePorts.Next(), FreePorts.Next());
        var caller = await CallerAsync(
            Upstream("backend", first, Chain(_cluster, "backend", HttpDefaults), Local(_cluster, "backend", "http", At(destination))));

        await caller.PublishAsync(caller.Current with
        {
            Upstreams = [
                Upstream("backend", second, Chain(_cluster, "backend", HttpDefaults), Local(_cluster, "backend", "http", At(destination)))],
        });

        using var app = App(second);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(app, "/")).Status);
        using var old = App(first);
        await Assert.ThrowsAsync<HttpRequestException>(() => old.GetAsync("/", TestContext.Current.CancellationToken));
    }
}
