using Microsoft.Extensions.Logging.Abstractions;
using Parley.Core.ConfigEntries;
using Parley.Core.Connect;
using Parley.Proxy.Config;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Tests.Support;

namespace Parley.Proxy.Tests.Config;

/// <summary>The config source against an agent in memory: snapshots follow every change, watches follow the chain.</summary>
public sealed class ProxyConfigSourceTests : ConfigSourceHarness<ProxySnapshot>
{

    private void Start()
    {
        var source = new ProxyConfigSource(Agent, "web-sidecar-proxy", FastRetries,
            TimeProvider.System, NullLogger<ProxyConfigSource>.Instance);
        Run(source.RunAsync);
    }

    private void Register(params Upstream[] upstreams) => Agent.Set(a => a
        .Registration(
            new ProxyRegistration("web-sidecar-proxy", "web-sidecar-proxy", "connect-proxy", "127.0.0.1", 21000, new ConnectProxyConfig
            {
                DestinationServiceName = "web",
                LocalServicePort = 8080,
                Config = new System.Text.Json.Nodes.JsonObject { ["protocol"] = "http" },
                Upstreams = upstreams,
            }))
        .Leaf(Local.Leaf("web"))
        .Roots(Local.Bundle())
        .Bundles(Peer.Bundle("cluster-02"))
        .Entries(ConfigEntryKinds.ProxyDefaults, """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""")
        .Endpoints(new EndpointKey("backend", ""), new EndpointInput("127.0.0.1", 21001, ["passing"])));

    [Fact]
    public async Task Snapshot_IsPublishedOnceEverythingIsKnown_AndFollowsHealth()
    {
        Start();
        Register(new Upstream { DestinationName = "backend", LocalBindPort = 9192 });

        var first = await NextAsync(s => s.Upstreams.Count == 1 && s.Upstreams[0].Targets.Values.Single().Endpoints.Count == 1);
        Assert.True(first.Upstreams[0].Targets.Values.Single().HasHealthyEndpoints);

        Agent.Set(a => a.Endpoints(new EndpointKey("backend", ""), new EndpointInput("127.0.0.1", 21001, ["critical"])));

        await NextAsync(s => !s.Upstreams[0].Targets.Values.Single().HasHealthyEndpoints);
    }

    [Fact]
    public async Task EndpointWatches_FollowTheChainsTargets()
    {
        Start();
        Register(new Upstream { DestinationName = "backend", LocalBindPort = 9192 });
        await NextAsync(s => s.Upstreams.Count == 1);
        var peerKey = new EndpointKey("backend", "cluster-02");

        Agent.Set(a => a.Entries(ConfigEntryKinds.ServiceResolver,
            """{"Kind":"service-resolver","Name":"backend","Failover":{"*":{"Targets":[{"Peer":"cluster-02"}]}}}"""));
        await NextAsync(s => s.Upstreams[0].Targets.Count == 2);
        await Agent.WaitWatchingAsync(peerKey, watching: true, Stop.Token).WaitAsync(Bound, Stop.Token);

        Agent.Set(a => a.Entries(ConfigEntryKinds.ServiceResolver));
        await NextAsync(s => s.Upstreams[0].Targets.Count == 1);
        await Agent.WaitWatchingAsync(peerKey, watching: false, Stop.Token).WaitAsync(Bound, Stop.Token);
    }

    [Fact]
    public async Task NewLeafAndIntentions_ArriveWithoutARestart()
    {
        Start();
        Register();
        var first = await NextAsync(_ => true);
        var renewed = Local.Leaf("web");

        Agent.Set(a => a.Leaf(renewed).Entries(ConfigEntryKinds.ServiceIntentions,
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
        Agent.Set(a => a
            .Endpoints(new EndpointKey("backend", "cluster-02"), new EndpointInput("192.0.2.1", 8443, ["passing"],
                PeerMeta: new PeeringServiceMeta { SNI = ["backend.sni"], SpiffeID = [Peer.ServiceId("backend")], Protocol = "http" }))
            .Gateways(new EndpointInput("127.0.0.1", 14443, ["passing"])));

        var snapshot = await NextAsync(s => s.Upstreams.Count == 1 && s.Upstreams[0].Targets.Values.Single().Endpoints.Count == 1);

        Assert.Equal(new ServiceEndpoint("127.0.0.1", 14443), snapshot.Upstreams[0].Targets.Values.Single().Endpoints[0]);
    }
}
