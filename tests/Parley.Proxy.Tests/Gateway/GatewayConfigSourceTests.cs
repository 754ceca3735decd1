using Microsoft.Extensions.Logging.Abstractions;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;
using Parley.Proxy.Config;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Gateway;
using Parley.Proxy.Gateway.Inputs;
using Parley.Proxy.Tests.Support;

namespace Parley.Proxy.Tests.Gateway;

/// <summary>The gateway's config source against an agent in memory: every change reaches the snapshot without a restart.</summary>
public sealed class GatewayConfigSourceTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly TestCluster _local = new("dc1");
    private readonly TestCluster _peer = new("dc2");
    private readonly FakeAgent _agent = new();
    private readonly SnapshotFeed<GatewaySnapshot> _feed = new();
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

    private string Sni(string service, string peer) => MeshSni.PeeredService(service, "", "", peer, _local.TrustDomain);

    private void Start()
    {
        _agent.Set(a => a
            .Registration(new ProxyRegistration("mesh-gateway", "mesh-gateway", "mesh-gateway", "127.0.0.1", 8443, new ConnectProxyConfig()))
            .GatewayLeaf(_local.GatewayLeaf())
            .Roots(_local.Bundle())
            .Bundles(_peer.Bundle("cluster-02"))
            .Endpoints(new EndpointKey("backend", ""), new EndpointInput("127.0.0.1", 21001, ["passing"])));
        var source = new GatewayConfigSource(_agent, "mesh-gateway", new WatchOptions { RetryDelay = TimeSpan.FromMilliseconds(20) },
            TimeProvider.System, NullLogger<GatewayConfigSource>.Instance);
        _running = source.RunAsync(_feed, _stop.Token);
    }

    private async Task<GatewaySnapshot> NextAsync(Func<GatewaySnapshot, bool> predicate)
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

    [Fact]
    public async Task ExportsProtocolsAndHealth_ReachTheRoutes()
    {
        Start();
        await NextAsync(s => s.Routes.Count == 0);

        _agent.Set(a => a.Exports(new ExportedServiceInput("backend", ["cluster-02"])));
        await NextAsync(s => s.Lookup(Sni("backend", "cluster-02")) is PassthroughRoute { Endpoints: [{ Healthy: true }] });

        _agent.Set(a => a.Entries(ConfigEntryKinds.ProxyDefaults, """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}"""));
        await NextAsync(s => s.Lookup(Sni("backend", "cluster-02")) is TerminatingRoute);

        _agent.Set(a => a.Endpoints(new EndpointKey("backend", ""), new EndpointInput("127.0.0.1", 21001, ["critical"])));
        await NextAsync(s => s.Lookup(Sni("backend", "cluster-02")) is TerminatingRoute t && !t.Chain.Targets.Values.Single().HasHealthyEndpoints);

        _agent.Set(a => a.Exports());
        await NextAsync(s => s.Routes.Count == 0);
    }

    [Fact]
    public async Task ANewLeaf_IsInTheNextSnapshot()
    {
        Start();
        var first = await NextAsync(s => s.Leaf is not null);
        var renewed = _local.GatewayLeaf();

        _agent.Set(a => a.GatewayLeaf(renewed));

        var next = await NextAsync(s => ReferenceEquals(s.Leaf, renewed));
        Assert.NotEqual(first.Leaf!.SerialNumber, next.Leaf!.SerialNumber);
    }

    [Fact]
    public async Task ImportedServices_AreWatchedAndRoutedByTheirSni()
    {
        Start();
        var key = new EndpointKey("api", "cluster-02");
        var sni = $"api.default.default.cluster-01.external.{_peer.TrustDomain}";

        _agent.Set(a => a.Imports(new ImportedServiceInput("api", "cluster-02")));
        await _agent.WaitWatchingAsync(key, watching: true, _stop.Token).WaitAsync(Bound, _stop.Token);
        _agent.Set(a => a.Endpoints(key, new EndpointInput("10.0.0.9", 8443, ["passing"], WanAddress: "127.0.0.1", WanPort: 24443,
            PeerMeta: new PeeringServiceMeta { SNI = [sni], SpiffeID = [_peer.ServiceId("api")], Protocol = "http" })));
        var routed = await NextAsync(s => s.Lookup(sni) is PassthroughRoute);

        _agent.Set(a => a.Imports());
        await NextAsync(s => s.Lookup(sni) is null);
        await _agent.WaitWatchingAsync(key, watching: false, _stop.Token).WaitAsync(Bound, _stop.Token);
        Assert.Equal([new ServiceEndpoint("127.0.0.1", 24443)], ((PassthroughRoute)routed.Lookup(sni)!).Endpoints);
    }

    [Fact]
    public async Task PeerThroughMeshGateways_StartsWatchingTheServers()
    {
        Start();
        var serverSni = $"server.dc1.peering.{_local.TrustDomain}";
        await NextAsync(_ => true);

        _agent.Set(a => a.Servers(new EndpointInput("127.0.0.1", 8503, ["passing"]))
            .Entries(ConfigEntryKinds.Mesh, """{"Kind":"mesh","Peering":{"PeerThroughMeshGateways":true}}"""));
        await _agent.WaitWatchingAsync(FakeAgent.ServersKey, watching: true, _stop.Token).WaitAsync(Bound, _stop.Token);
        await NextAsync(s => s.Lookup(serverSni) is PassthroughRoute { Endpoints.Count: 1 });

        _agent.Set(a => a.Entries(ConfigEntryKinds.Mesh));
        await NextAsync(s => s.Lookup(serverSni) is null);
        await _agent.WaitWatchingAsync(FakeAgent.ServersKey, watching: false, _stop.Token).WaitAsync(Bound, _stop.Token);
    }
}
