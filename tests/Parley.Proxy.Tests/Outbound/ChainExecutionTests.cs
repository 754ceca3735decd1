using System.Net;
using Parley.Proxy.Config;
using Parley.Proxy.Tests.Support;
using Parley.Testing;
using static Parley.Proxy.Tests.Support.TestTargets;

namespace Parley.Proxy.Tests.Outbound;

/// <summary>Routes, splits, redirects, failover, retries and timeouts decided by the caller's sidecar, over real backends.</summary>
public sealed class ChainExecutionTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly TestCluster _local = new("dc1");
    private readonly TestCluster _peer = new("dc2");
    private readonly OwnedResources _owned = new();

    public async ValueTask DisposeAsync()
    {
        await _owned.DisposeAsync();

        _local.Dispose();
        _peer.Dispose();
    }

    /// <summary>
    /// An HTTP backend named <paramref name="name"/> behind a sidecar of <paramref name="service"/>; returns the sidecar's port.
    /// </summary>
    private async Task<int> ServiceAsync(
        string service, string name, TestCluster cluster, Func<Microsoft.AspNetCore.Http.HttpContext, int>? status = null)
    {
        var backend = await _owned.Add(TestBackend.StartHttpAsync(name, status));
        var port = FreePorts.Next();
        var peers = ReferenceEquals(cluster, _peer) ? new[] { _local.Bundle("cluster-01") } : [];
        await _owned.Add(SidecarHarness.StartAsync(TestSnapshots.Sidecar(cluster, service, port, backend.Port, "http", peers)));
        return port;
    }

    private async Task<(SidecarHarness Caller, HttpClient App)> CallerAsync(UpstreamSnapshot upstream)
    {
        var caller = await _owned.Add(
            SidecarHarness.StartAsync(TestSnapshots.Sidecar(_local, "web", FreePorts.Next(), 1, "http") with { Upstreams = [upstream] }));
        return (caller, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{upstream.Upstream.LocalBindPort}"), Timeout = Bound });
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Split_5050_OverTwoHundredRequests_LandsWithinBounds()
    {
        var local = await ServiceAsync("backend", "backend@local", _local);
        var peer = await ServiceAsync("backend", "backend@peer", _peer);
        var plan = Chain(_local, "backend", HttpDefaults,
            """{"Kind":"service-resolver","Name":"backend-peer","Redirect":{"Service":"backend","Peer":"cluster-02"}}""",
            """{"Kind":"service-splitter","Name":"backend","Splits":[{"Weight":50},{"Weight":50,"Service":"backend-peer"}]}""");
        var (_, app) = await CallerAsync(Upstream("backend", FreePorts.Next(), plan,
            Local(_local, "backend", "http", At(local)), Peer(_peer, "backend", "cluster-02", "http", At(peer))));
        using var _ = app;

        var answers = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            answers.Add((await GetAsync(app, "/")).Body);
        }

        var toPeer = answers.Count(a => a.StartsWith("backend@peer", StringComparison.Ordinal));
        var toLocal = answers.Count(a => a.StartsWith("backend@local", StringComparison.Ordinal));
        Assert.Equal(200, toPeer + toLocal);
        Assert.InRange(toPeer, 70, 130);
    }

    [Fact]
    public async Task Router_SendsAPrefixElsewhere_WithRewrite_AndTheRestToTheService()
    {
        var local = await ServiceAsync("backend", "backend", _local);
        var admin = await ServiceAsync("admin", "admin", _local);
        var plan = Chain(_local, "backend", HttpDefaults, """
            {"Kind":"service-router","Name":"backend","Routes":[
              {"Match":{"HTTP":{"PathPrefix":"/admin/","Header":[{"Name":"x-debug","Present":true,"Invert":true}]}},
               "Destination":{"Service":"admin","PrefixRewrite":"/"}}]}
            """);
        var (_, app) = await CallerAsync(Upstream("backend", FreePorts.Next(), plan,
            Local(_local, "backend", "http", At(local)), Local(_local, "admin", "http", At(admin))));
        using var _ = app;

        Assert.Equal("admin /x", (await GetAsync(app, "/admin/x")).Body);
        Assert.Equal("backend /other", (await GetAsync(app, "/other")).Body);
        using var debug = new HttpRequestMessage(HttpMethod.Get, "/admin/x") { Headers = { { "x-debug", "1" } } };
        using var response = await app.SendAsync(debug, TestContext.Current.CancellationToken);
        Assert.Equal("backend /admin/x", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Failover_ToThePeer_WhenEveryLocalEndpointIsCritical_AndBack()
    {
        var local = await ServiceAsync("backend", "backend@local", _local);
        var peer = await ServiceAsync("backend", "backend@peer", _peer);
        var plan = Chain(_local, "backend", HttpDefaults,
            """{"Kind":"service-resolver","Name":"backend","Failover":{"*":{"Targets":[{"Peer":"cluster-02"}]}}}""");
        UpstreamSnapshot Upstream(bool localHealthy) => TestTargets.Upstream("backend", 0, plan,
            Local(_local, "backend", "http", At(local, localHealthy)), Peer(_peer, "backend", "cluster-02", "http", At(peer)));
        var bind = FreePorts.Next();
        var (caller, app) = await CallerAsync(WithPort(Upstream(true), bind));
        using var _ = app;

        Assert.Equal("backend@local /", (await GetAsync(app, "/")).Body);

        await caller.PublishAsync(caller.Current with { Upstreams = [WithPort(Upstream(false), bind)] });
        Assert.Equal("backend@peer /", (await GetAsync(app, "/")).Body);

        await caller.PublishAsync(caller.Current with { Upstreams = [WithPort(Upstream(true), bind)] });
        Assert.Equal("backend@local /", (await GetAsync(app, "/")).Body);
    }

    [Fact]
    public async Task RedirectToPeer_SendsEverythingThere()
    {
        var local = await ServiceAsync("backend", "backend@local", _local);
        var peer = await ServiceAsync("backend", "backend@peer", _peer);
        var plan = Chain(
            _local, "backend", HttpDefaults, """{"Kind":"service-resolver","Name":"backend","Redirect":{"Peer":"cluster-02"}}""");
        var (_, app) = await CallerAsync(Upstream("backend", FreePorts.Next(), plan,
            Local(_local, "backend", "http", At(local)), Peer(_peer, "backend", "cluster-02", "http", At(peer))));
        using var _ = app;

        Assert.Equal("backend@peer /", (await GetAsync(app, "/")).Body);
    }

    [Fact]
    public async Task PeerTarget_TrustsOnlyThatPeersBundle()
    {
        // The endpoint presents a certificate from our own CA: fine locally, not for a peer target.
        var local = await ServiceAsync("backend", "backend@local", _local);
        var plan = Chain(
            _local, "backend", HttpDefaults, """{"Kind":"service-resolver","Name":"backend","Redirect":{"Peer":"cluster-02"}}""");
        var (_, app) =
            await CallerAsync(Upstream("backend", FreePorts.Next(), plan, Peer(_peer, "backend", "cluster-02", "http", At(local))));
        using var _ = app;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(app, "/")).Status);
    }

    [Fact]
    public async Task RetryOnStatusCodes_RetriesUntilSuccess()
    {
        var calls = 0;
        var flaky = await ServiceAsync("backend", "backend", _local, _ => Interlocked.Increment(ref calls) <= 2 ? 503 : 200);
        var plan = Chain(_local, "backend", HttpDefaults, """
            {"Kind":"service-router","Name":"backend","Routes":[{"Match":{"HTTP":{"PathPrefix":"/"}},
              "Destination":{"NumRetries":3,"RetryOnStatusCodes":[503]}}]}
            """);
        var (_, app) = await CallerAsync(Upstream("backend", FreePorts.Next(), plan, Local(_local, "backend", "http", At(flaky))));
        using var _ = app;

        Assert.Equal((HttpStatusCode.OK, "backend /"), await GetAsync(app, "/"));
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task WithoutRetries_TheFailureReachesTheCaller()
    {
        var calls = 0;
        var flaky = await ServiceAsync("backend", "backend", _local, _ => Interlocked.Increment(ref calls) <= 1 ? 503 : 200);
        var (_, app) = await CallerAsync(Upstream("backend", FreePorts.Next(), Chain(_local, "backend", HttpDefaults),
            Local(_local, "backend", "http", At(flaky))));
        using var _ = app;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(app, "/")).Status);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task RetryOnConnectFailure_TriesAnotherEndpoint()
    {
        var good = await ServiceAsync("backend", "backend", _local);
        var dead = FreePorts.Next();
        var plan = Chain(_local, "backend", HttpDefaults, """
            {"Kind":"service-router","Name":"backend","Routes":[{"Match":{"HTTP":{"PathPrefix":"/"}},
              "Destination":{"NumRetries":5,"RetryOnConnectFailure":true}}]}
            """);
        var (_, app) = await CallerAsync(Upstream("backend", FreePorts.Next(), plan, Local(_local, "backend", "http", At(dead), At(good))));
        using var _ = app;

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(app, "/")).Status);
        }
    }

    [Fact]
    public async Task RequestTimeout_Answers504()
    {
        var slow = await ServiceAsync("backend", "backend", _local);
        var plan = Chain(_local, "backend", HttpDefaults, """{"Kind":"service-resolver","Name":"backend","RequestTimeout":"300ms"}""");
        var (_, app) = await CallerAsync(Upstream("backend", FreePorts.Next(), plan, Local(_local, "backend", "http", At(slow))));
        using var _ = app;

        Assert.Equal((HttpStatusCode.GatewayTimeout, "upstream request timeout"), await GetAsync(app, "/slow"));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(app, "/fast")).Status);
    }

    private static UpstreamSnapshot WithPort(UpstreamSnapshot upstream, int port) =>
        upstream with { Upstream = upstream.Upstream with { LocalBindPort = port } };
}
