using Microsoft.Extensions.Logging.Abstractions;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;
using Parley.Proxy.Config;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Tests.Support;

namespace Parley.Proxy.Tests.Config;

/// <summary>The config source against an agent in memory: snapshots follow every change, watches follow the chain.</summary>
public sealed class ProxyConfigSourceTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly TestCluster _local = new("dc1");
    private readonly TestCluster _peer = new("dc2");
    private readonly FakeAgent _agent = new();
    private readonly SnapshotFeed<ProxySnapshot> _feed = new();
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private Task? _running;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running.WaitAsync(Bound, CancellationToken.None);
        }

        _stop.Dispose();
        _local.Dispose();
        _peer.Dispose();
    }

    private void Start()
    {
        var source = new ProxyConfigSource(_agent, "web-sidecar-proxy", new WatchOptions { RetryDelay = TimeSpan.FromMilliseconds(20) },
            TimeProvider.System, NullLogger<ProxyConfigSource>.Instance);
        _running = source.RunAsync(_feed, _stop.Token);
    }

    private async Task<ProxySnapshot> NextAsync(Func<ProxySnapshot, bool> predicate)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(Bound);
        await foreach (var snapshot in _feed.ReadAllAsync(timeout.Token))
        {
            if (predicate(snapshot))
            {
                return snapshot;
            }
        }

        throw new TimeoutException();
    }

    private void Register(params Upstream[] upstreams) => _agent.Set(a => a
        .Registration(new ProxyRegistration("web-sidecar-proxy", "web-sidecar-proxy", "connect-proxy", "127.0.0.1", 21000, new ConnectProxyConfig
        {
            DestinationServiceName = "web",
            LocalServicePort = 8080,
            Config = new System.Text.Json.Nodes.JsonObject { ["protocol"] = "http" },
            Upstreams = upstreams,
        }))
        .Leaf(_local.Leaf("web"))
        .Roots(_local.Bundle())
        .Bundles(_peer.Bundle("cluster-02"))
        .Entries(ConfigEntryKinds.ProxyDefaults, """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""")
        .Endpoints(new EndpointKey("backend", ""), new EndpointInput("127.0.0.1", 21001, ["passing"])));

    [Fact]
    public async Task Snapshot_IsPublishedOnceEverythingIsKnown_AndFollowsHealth()
    {
        Start();
        Register(new Upstream { DestinationName = "backend", LocalBindPort = 9192 });

        var first = await NextAsync(s => s.Upstreams.Count == 1 && s.Upstreams[0].Targets.Values.Single().Endpoints.Count == 1);
        Assert.True(first.Upstreams[0].Targets.Values.Single().HasHealthyEndpoints);

        _agent.Set(a => a.Endpoints(new EndpointKey("backend", ""), new EndpointInput("127.0.0.1", 21001, ["critical"])));

        await NextAsync(s => !s.Upstreams[0].Targets.Values.Single().HasHealthyEndpoints);
    }

    [Fact]
    public async Task EndpointWatches_FollowTheChainsTargets()
    {
        Start();
        Register(new Upstream { DestinationName = "backend", LocalBindPort = 9192 });
        await NextAsync(s => s.Upstreams.Count == 1);
        var peerKey = new EndpointKey("backend", "cluster-02");

        _agent.Set(a => a.Entries(ConfigEntryKinds.ServiceResolver,
            """{"Kind":"service-resolver","Name":"backend","Failover":{"*":{"Targets":[{"Peer":"cluster-02"}]}}}"""));
        await NextAsync(s => s.Upstreams[0].Targets.Count == 2);
        await _agent.WaitWatchingAsync(peerKey, watching: true, _stop.Token).WaitAsync(Bound, _stop.Token);

        _agent.Set(a => a.Entries(ConfigEntryKinds.ServiceResolver));
        await NextAsync(s => s.Upstreams[0].Targets.Count == 1);
        await _agent.WaitWatchingAsync(peerKey, watching: false, _stop.Token).WaitAsync(Bound, _stop.Token);
    }

    [Fact]
    public async Task NewLeafAndIntentions_ArriveWithoutARestart()
    {
        Start();
        Register();
        var first = await NextAsync(_ => true);
        var renewed = _local.Leaf("web");

        _agent.Set(a => a.Leaf(renewed).Entries(ConfigEntryKinds.ServiceIntentions,
            """{"Kind":"service-intentions","Name":"web","Sources":[{"Name":"api","Action":"deny"}]}"""));

        var next = await NextAsync(s => ReferenceEquals(s.Leaf, renewed) && s.Intentions.Candidates.Count == 1);
        Assert.NotEqual(first.Leaf.SerialNumber, next.Leaf.SerialNumber);
    }

    [Fact]
    public async Task PeerUpstreamInLocalMode_WatchesOurGateways()
    {
        Start();
        Register(new Upstream
        {
            DestinationName = "backend",
            DestinationPeer = "cluster-02",
            LocalBindPort = 9191,
            MeshGateway = new MeshGatewayConfig { Mode = "local" },
        });
        _agent.Set(a => a
            .Endpoints(new EndpointKey("backend", "cluster-02"), new EndpointInput("192.0.2.1", 8443, ["passing"],
                PeerMeta: new PeeringServiceMeta { SNI = ["backend.sni"], SpiffeID = [_peer.ServiceId("backend")], Protocol = "http" }))
            .Gateways(new EndpointInput("127.0.0.1", 14443, ["passing"])));

        var snapshot = await NextAsync(s => s.Upstreams.Count == 1 && s.Upstreams[0].Targets.Values.Single().Endpoints.Count == 1);

        Assert.Equal(new ServiceEndpoint("127.0.0.1", 14443), snapshot.Upstreams[0].Targets.Values.Single().Endpoints[0]);
    }
}
