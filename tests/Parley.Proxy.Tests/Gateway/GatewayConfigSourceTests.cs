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
public sealed class GatewayConfigSourceTests : ConfigSourceHarness<GatewaySnapshot>
{

    private string Sni(string service, string peer) => MeshSni.PeeredService(service, "", "", peer, Local.TrustDomain);

    private void Start()
    {
        Agent.Set(a => a
            .Registration(
                new ProxyRegistration("mesh-gateway", "mesh-gateway", "mesh-gateway", "127.0.0.1", 8443, new ConnectProxyConfig()))
            .GatewayLeaf(Local.GatewayLeaf())
            .Roots(Local.Bundle())
            .Bundles(Peer.Bundle("cluster-02"))
            .Endpoints(new EndpointKey("backend", ""), new EndpointInput("127.0.0.1", 21001, ["passing"])));
        var source = new GatewayConfigSource(Agent, "mesh-gateway", FastRetries,
            TimeProvider.System, NullLogger<GatewayConfigSource>.Instance);
        Run(source.RunAsync);
    }

    [Fact]
    public async Task ExportsProtocolsAndHealth_ReachTheRoutes()
    {
        Start();
        await NextAsync(s => s.Routes.Count == 0);

        Agent.Set(a => a.Exports(new ExportedServiceInput("backend", ["cluster-02"])));
        await NextAsync(s => s.Lookup(Sni("backend", "cluster-02")) is PassthroughRoute { Endpoints: [{ Healthy: true }] });

        Agent.Set(
            a => a.Entries(ConfigEntryKinds.ProxyDefaults, """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}"""));
        await NextAsync(s => s.Lookup(Sni("backend", "cluster-02")) is TerminatingRoute);

        Agent.Set(a => a.Endpoints(new EndpointKey("backend", ""), new EndpointInput("127.0.0.1", 21001, ["critical"])));
        await NextAsync(
            s => s.Lookup(Sni("backend", "cluster-02")) is TerminatingRoute t && !t.Chain.Targets.Values.Single().HasHealthyEndpoints);

        Agent.Set(a => a.Exports());
        await NextAsync(s => s.Routes.Count == 0);
    }

    [Fact]
    public async Task ANewLeaf_IsInTheNextSnapshot()
    {
        Start();
        var first = await NextAsync(s => s.Leaf is not null);
        var renewed = Local.GatewayLeaf();

        Agent.Set(a => a.GatewayLeaf(renewed));

        var next = await NextAsync(s => ReferenceEquals(s.Leaf, renewed));
        Assert.NotEqual(first.Leaf!.SerialNumber, next.Leaf!.SerialNumber);
    }

    [Fact]
    public async Task ImportedServices_AreWatchedAndRoutedByTheirSni()
    {
        Start();
        var key = new EndpointKey("api", "cluster-02");
        var sni = $"api.default.default.cluster-01.external.{Peer.TrustDomain}";

        Agent.Set(a => a.Imports(new ImportedServiceInput("api", "cluster-02")));
        await Agent.WaitWatchingAsync(key, watching: true, Stop.Token).WaitAsync(Bound, Stop.Token);
        Agent.Set(a => a.Endpoints(key, new EndpointInput("10.0.0.9", 8443, ["passing"], WanAddress: "127.0.0.1", WanPort: 24443,
            PeerMeta: new PeeringServiceMeta { SNI = [sni], SpiffeID = [Peer.ServiceId("api")], Protocol = "http" })));
        var routed = await NextAsync(s => s.Lookup(sni) is PassthroughRoute);

        Agent.Set(a => a.Imports());
        await NextAsync(s => s.Lookup(sni) is null);
        await Agent.WaitWatchingAsync(key, watching: false, Stop.Token).WaitAsync(Bound, Stop.Token);
        Assert.Equal([new ServiceEndpoint("127.0.0.1", 24443)], ((PassthroughRoute)routed.Lookup(sni)!).Endpoints);
    }

    [Fact]
    public async Task PeerThroughMeshGateways_StartsWatchingTheServers()
    {
        Start();
        var serverSni = $"server.dc1.peering.{Local.TrustDomain}";
        await NextAsync(_ => true);

        Agent.Set(a => a.Servers(new EndpointInput("127.0.0.1", 8503, ["passing"]))
            .Entries(ConfigEntryKinds.Mesh, """{"Kind":"mesh","Peering":{"PeerThroughMeshGateways":true}}"""));
        await Agent.WaitWatchingAsync(FakeAgent.ServersKey, watching: true, Stop.Token).WaitAsync(Bound, Stop.Token);
        await NextAsync(s => s.Lookup(serverSni) is PassthroughRoute { Endpoints.Count: 1 });

        Agent.Set(a => a.Entries(ConfigEntryKinds.Mesh));
        await NextAsync(s => s.Lookup(serverSni) is null);
        await Agent.WaitWatchingAsync(FakeAgent.ServersKey, watching: false, Stop.Token).WaitAsync(Bound, Stop.Token);
    }
}
