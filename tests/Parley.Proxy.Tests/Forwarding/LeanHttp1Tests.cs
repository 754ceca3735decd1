using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Parley.Proxy.Tests.Support;
using Parley.Testing;
using static Parley.Proxy.Tests.Support.TestTargets;

namespace Parley.Proxy.Tests.Forwarding;

/// <summary>
/// What the lean HTTP/1.1 path must get right that Kestrel and YARP used to do for it, end to end through both hops
/// (app -> caller's sidecar -> mTLS -> destination's sidecar -> app): framing both ways, keep-alive and pipelining,
/// <c>Connection: close</c>, HTTP/1.0 (handed to Kestrel), large bodies, bad heads, a backend that dies mid-body.
/// </summary>
public sealed class LeanHttp1Tests : IAsyncDisposable
{
    private readonly TestCluster _cluster = new("dc1");
    private readonly OwnedResources _owned = new();

    public async ValueTask DisposeAsync()
    {
        await _owned.DisposeAsync();

        _cluster.Dispose();
    }

    [Fact]
    public async Task ChunkedBodies_TravelBothWays()
    {
        var bind = await PathToAsync(await EchoBackendAsync());
        using var client = await RawHttp.ConnectAsync(bind);

        await client.SendAsync("POST /echo?chunks=3 HTTP/1.1\r\nHost: backend\r\nTransfer-Encoding: chunked\r\n\r\n" +
            "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.Equal((200, "hello world", true), (response.Status, response.Text, response.Chunked));
    }

    [Fact]
    public async Task PipelinedRequests_AreAnsweredInOrder_OnOneConnection()
    {
        var bind = await PathToAsync(await EchoBackendAsync());
        using var client = await RawHttp.ConnectAsync(bind);

        await client.SendAsync(
            "GET /a HTTP/1.1\r\nHost: backend\r\n\r\n" +
            "POST /echo HTTP/1.1\r\nHost: backend\r\nContent-Length: 4\r\n\r\nbody" +
            "GET /c HTTP/1.1\r\nHost: backend\r\n\r\n");
        var answers = new[] { await client.ReadResponseAsync(), await client.ReadResponseAsync(), await client.ReadResponseAsync() };

        Assert.Equal(["backend /a", "body", "backend /c"], answers.Select(a => a.Text));
    }

    [Fact]
    public async Task KeepAlive_ReusesTheConnectionsOfBothHops()
    {
        var backend = await EchoBackendAsync();
        var bind = await PathToAsync(backend);
        using var client = await RawHttp.ConnectAsync(bind);

        var connections = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            await client.SendAsync($"GET /{i} HTTP/1.1\r\nHost: backend\r\n\r\n");
            var response = await client.ReadResponseAsync();
            Assert.Equal($"backend /{i}", response.Text);
            connections.Add(response.Headers["x-connection"]);
        }

        // One connection from the destination's sidecar to the app carried all five requests.
        Assert.Single(connections);
    }

    [Fact]
    public async Task ConnectionClose_IsAnsweredThenClosed()
    {
        var bind = await PathToAsync(await EchoBackendAsync());
        using var client = await RawHttp.ConnectAsync(bind);

        await client.SendAsync("GET /bye HTTP/1.1\r\nHost: backend\r\nConnection: close\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.Equal((200, "backend /bye", "close"), (response.Status, response.Text, response.Headers["connection"]));
        Assert.True(await client.ClosedAsync());
    }

    [Fact]
    public async Task Http10_IsServed()
    {
        var bind = await PathToAsync(await EchoBackendAsync());
        using var client = await RawHttp.ConnectAsync(bind);

        await client.SendAsync("GET /old HTTP/1.0\r\nHost: backend\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.Equal((200, "backend /old"), (response.Status, response.Text));
        Assert.True(await client.ClosedAsync());
    }

    [Fact]
    public async Task OneMebibyteBodies_TravelBothWays()
    {
        var bind = await PathToAsync(await EchoBackendAsync());
        using var app = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{bind}"), Timeout = TimeSpan.FromSeconds(30) };
        var body = RandomNumberGenerator.GetBytes(1 << 20);

        using var fixedLength = await app.PostAsync("/echo", new ByteArrayContent(body), TestContext.Current.CancellationToken);
        using var chunked = await app.PostAsync(
            "/echo?chunks=16", new StreamContent(new UnknownLengthStream(body)), TestContext.Current.CancellationToken);

        Assert.Equal(body, await fixedLength.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(body, await chunked.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.True(chunked.Headers.TransferEncodingChunked);
    }

    [Theory]
    [InlineData("GET /x HTTP/1.1\r\nHost: backend\r\nX-Big: {0}\r\n\r\n", 97 * 1024, 431)]
    [InlineData("GET /x HTTP/1.1\r\nHost: backend\r\n{0}\r\n", 101, 431)]
    [InlineData("GET /{0} HTTP/1.1\r\nHost: backend\r\n\r\n", 9 * 1024, 414)]
    [InlineData("GET /x HTTP/1.1\r\nHost: backend\r\nBad Name: {0}\r\n\r\n", 1, 400)]
    [InlineData("GET /x HTTP/1.1\r\n{0}\r\n", 0, 400)]
    [InlineData("POST /x HTTP/1.1\r\nHost: backend\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n{0}\r\n", 0, 400)]
    public async Task BadOrOversizedHeads_AreRefused_AndTheConnectionCloses(string template, int size, int status)
    {
        var backend = await EchoBackendAsync();
        var bind = await PathToAsync(backend);
        using var client = await RawHttp.ConnectAsync(bind);
        var filler = template.Contains("{0}\r\n\r\n", StringComparison.Ordinal) || template.Contains("/{0}", StringComparison.Ordinal)
            ? new string('a', size)
            : string.Concat(Enumerable.Range(0, size).Select(i => $"X-H{i}: v\r\n"));

        await client.SendAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, filler));
        var response = await client.ReadResponseAsync();

        Assert.Equal(status, response.Status);
        Assert.True(await client.ClosedAsync());
        Assert.Equal(0, backend.Requests);
    }

    [Fact]
    public async Task BackendClosingMidBody_CutsTheResponse_AndTheConnection()
    {
        await using var backend = new ScriptedBackend("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b");
        var bind = await PathToAsync(backendPort: backend.Port);
        using var client = await RawHttp.ConnectAsync(bind);

        await client.SendAsync("GET / HTTP/1.1\r\nHost: backend\r\n\r\n");
        var received = Encoding.Latin1.GetString(await client.ReadToEndAsync());

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", received, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nonly ten b", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextRequest_AfterTheBackendClosedItsConnection_StillArrives()
    {
        // The app answers with Connection: close, so the pooled connection cannot be reused: the next request dials anew.
        var backend = await _owned.Add(TestBackend.StartHttpAsync("closing", context =>
        {
            context.Response.Headers.Connection = "close";
            return context.Response.WriteAsync("closing " + context.Request.Path, context.RequestAborted);
        }));
        var bind = await PathToAsync(backend);
        using var client = await RawHttp.ConnectAsync(bind);

        await client.SendAsync("GET /1 HTTP/1.1\r\nHost: backend\r\n\r\n");
        var first = await client.ReadResponseAsync();
        await client.SendAsync("GET /2 HTTP/1.1\r\nHost: backend\r\n\r\n");
        var second = await client.ReadResponseAsync();

        Assert.Equal(("closing /1", "closing /2"), (first.Text, second.Text));
    }

    // Echoes POST bodies (in `chunks` flushes when asked, so the answer is chunked), otherwise names the path; says which connection served
    // it.
    private Task<TestBackend> EchoBackendAsync() => _owned.Add(TestBackend.StartHttpAsync("backend", async context =>
    {
        context.Response.Headers["x-connection"] = context.Connection.Id;
        if (!context.Request.Path.StartsWithSegments("/echo"))
        {
            await context.Response.WriteAsync($"backend {context.Request.Path}", context.RequestAborted);
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var bytes = body.ToArray();
        var chunks = int.TryParse(context.Request.Query["chunks"], out var n) ? n : 0;
        if (chunks == 0)
        {
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
            return;
        }

        var size = (bytes.Length + chunks - 1) / chunks;
        for (var at = 0; at < bytes.Length; at += size)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }));

    // The destination's sidecar in front of the app, and the caller's sidecar with an upstream to it; returns the upstream's port.
    private async Task<int> PathToAsync(TestBackend? backend = null, int backendPort = 0)
    {
        var destination = FreePorts.Next();
        await _owned.Add(
            SidecarHarness.StartAsync(TestSnapshots.Sidecar(_cluster, "backend", destination, backend?.Port ?? backendPort, "http")));
        var bind = FreePorts.Next();
        var upstream = Upstream(
            "backend", bind, Chain(_cluster, "backend", HttpDefaults), Local(_cluster, "backend", "http", At(destination)));
        await _owned.Add(
            SidecarHarness.StartAsync(TestSnapshots.Sidecar(_cluster, "web", FreePorts.Next(), 1, "http") with { Upstreams = [upstream] }));
        return bind;
    }

    // A body whose length HttpClient cannot know, so it sends it chunked.
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
