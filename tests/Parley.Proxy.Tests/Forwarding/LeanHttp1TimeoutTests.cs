using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Parley.Proxy.Forwarding.Http1;
using Parley.Proxy.Tests.Support;
using Parley.Testing;
using static Parley.Proxy.Tests.Support.TestTargets;

namespace Parley.Proxy.Tests.Forwarding;

/// <summary>
/// The lean HTTP/1.1 path's bounds and its own answers, as Kestrel and YARP gave them: a hung application is given up
/// after the activity timeout (504), a request body that trickles in is refused (408), an answer the proxy gives before
/// reading a small body keeps the connection, and every such answer carries a <c>Date</c>. Each sidecar whose timers a
/// test drives runs on a fake clock; the other runs on the system's.
/// </summary>
public sealed class LeanHttp1TimeoutTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly TestCluster _cluster = new("dc1");
    private readonly OwnedResources _owned = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        await _owned.DisposeAsync();
        _cluster.Dispose();
    }

    [Fact]
    public async Task HungApplication_IsAnswered504_AfterTheActivityTimeout()
    {
        await using var app = new SilentBackend();
        var destination = FreePorts.Next();
        await _owned.Add(SidecarHarness.StartAsync(TestSnapshots.Sidecar(_cluster, "backend", destination, app.Port, "http"), _clock));
        var bind = await CallerAsync(Local(_cluster, "backend", "http", At(destination)), TimeProvider.System);
        using var client = await RawHttp.ConnectAsync(bind);

        await client.SendAsync("GET /thinking HTTP/1.1\r\nHost: backend\r\n\r\n");
        await app.HeadReceived.WaitAsync(Bound, TestContext.Current.CancellationToken);
        _clock.Advance(Http1Limits.LocalActivityTimeout);
        var response = await client.ReadResponseAsync();

        Assert.Equal((504, "upstream request timeout"), (response.Status, response.Text));
        Assert.Equal(HttpDate(_clock), response.Headers["date"]);
    }

    [Fact]
    public async Task TricklingRequestBody_IsAnswered408_AndTheConnectionCloses()
    {
        await using var app = new SilentBackend();
        var destination = FreePorts.Next();
        await _owned.Add(SidecarHarness.StartAsync(TestSnapshots.Sidecar(_cluster, "backend", destination, app.Port, "http")));
        var bind = await CallerAsync(Local(_cluster, "backend", "http", At(destination)), _clock);
        using var client = await RawHttp.ConnectAsync(bind);

        // 10 of 1000 bytes, then nothing: far below 240 bytes/s once the 5 s grace period is over.
        await client.SendAsync("POST /upload HTTP/1.1\r\nHost: backend\r\nContent-Length: 1000\r\n\r\n0123456789");
        await app.HeadReceived.WaitAsync(Bound, TestContext.Current.CancellationToken);
        var answer = client.ReadResponseAsync();
        for (var i = 0; i < 2 && !answer.IsCompleted; i++)
        {
            // Twice at most, in case the wait for the rest began only after the first step (still short of the 15 s request timeout).
            _clock.Advance(Http1Limits.MinRequestBodyGracePeriod + TimeSpan.FromSeconds(1));
            await Task.WhenAny(answer, Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken));
        }

        var response = await answer;

        Assert.Equal((408, "close"), (response.Status, response.Headers["connection"]));
        Assert.True(await client.ClosedAsync());
    }

    [Theory]
    [InlineData("Content-Length: 5\r\n\r\nhello", true)]
    [InlineData("Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", true)]
    [InlineData("Content-Length: 5\r\nExpect: 100-continue\r\n\r\n", false)]
    [InlineData("Content-Length: 1048576\r\n\r\nthe first bytes of a large body", false)]
    public async Task AnswerBeforeTheBody_SkipsASmallBody_AndKeepsTheConnection(string framingAndBody, bool keptAlive)
    {
        // No endpoint at all: the caller's sidecar answers 503 itself, before reading the body.
        var bind = await CallerAsync(Local(_cluster, "backend", "http"), _clock);
        using var client = await RawHttp.ConnectAsync(bind);

        await client.SendAsync("POST /upload HTTP/1.1\r\nHost: backend\r\n" + framingAndBody);
        var refused = await client.ReadResponseAsync();

        Assert.Equal((503, "no healthy upstream"), (refused.Status, refused.Text));
        Assert.Equal(HttpDate(_clock), refused.Headers["date"]);
        Assert.Equal(keptAlive, !refused.Headers.ContainsKey("connection"));
        if (keptAlive)
        {
            await client.SendAsync("GET /next HTTP/1.1\r\nHost: backend\r\n\r\n");
            Assert.Equal(503, (await client.ReadResponseAsync()).Status);
        }
        else
        {
            Assert.True(await client.ClosedAsync());
        }
    }

    [Fact]
    public async Task RefusedHead_CarriesADate()
    {
        var bind = await CallerAsync(Local(_cluster, "backend", "http"), _clock);
        using var client = await RawHttp.ConnectAsync(bind);

        await client.SendAsync("GET /x HTTP/1.1\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.Equal((400, HttpDate(_clock)), (response.Status, response.Headers["date"]));
    }

    private static string HttpDate(TimeProvider clock) => clock.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);

    // The caller's sidecar, on `clock`, with an upstream to `target`; returns the upstream's port.
    private async Task<int> CallerAsync(Parley.Proxy.Config.TargetSnapshot target, TimeProvider clock)
    {
        var bind = FreePorts.Next();
        var upstream = Upstream("backend", bind, Chain(_cluster, "backend", HttpDefaults), target);
        await _owned.Add(
            SidecarHarness.StartAsync(
            TestSnapshots.Sidecar(_cluster, "web", FreePorts.Next(), 1, "http") with { Upstreams = [upstream] }, clock));
        return bind;
    }
}
