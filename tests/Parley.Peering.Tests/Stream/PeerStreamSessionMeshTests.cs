using System.Text.Json.Nodes;
using Parley.Core.Catalog;
using Parley.Peering.Tests.Support;
using Parley.Peering.V1;
using Parley.State.Commands;

namespace Parley.Peering.Tests.Stream;

/// <summary>The exporter's synthetic sidecar proxies (consul-compat 4.5.2): what is sent, and when it is sent again.</summary>
public sealed class PeerStreamSessionMeshTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    /// <summary>A connect-exported backend (one instance with a sidecar) and an exporter subscribed to services.</summary>
    private static async Task<SessionHarness> StartAsync(params RegisterCatalog[] gateways)
    {
        var harness = new SessionHarness();
        harness.Replicator.Apply(Catalog.Register("node-a", "backend", "backend-1", HealthStatus.Passing));
        harness.Replicator.Apply(Catalog.Sidecar("node-a", "backend", "backend-sidecar-proxy", HealthStatus.Passing));
        foreach (var gateway in gateways)
        {
            harness.Replicator.Apply(gateway);
        }

        harness.Export("backend");
        harness.Start();
        await harness.SkipOpeningAsync();
        await harness.SendAsync(SessionHarness.Subscribe(ResourceUrls.ExportedService));
        return harness;
    }

    private static async Task<(string Id, ExportedService Service)> NextServiceAsync(SessionHarness harness)
    {
        var response = (await harness.NextAsync()).Response;
        Assert.Equal(ResourceUrls.ExportedService, response.ResourceUrl);
        return (response.ResourceId, response.Resource.Unpack<ExportedService>());
    }

    [Fact]
    public async Task Export_ConnectExportedService_AlsoSendsOneSyntheticProxyPerGateway()
    {
        await using var harness = await StartAsync(
            Catalog.Gateway("gw-b", "10.0.0.12", 8443, HealthStatus.Passing),
                Catalog.Gateway("gw-a", "10.0.0.11", 8443, HealthStatus.Passing));

        var (id, backend) = await NextServiceAsync(harness);
        Assert.Equal("backend", id);
        Assert.Equal("", Assert.Single(backend.Nodes).Service.Kind);

        var (proxyId, proxies) = await NextServiceAsync(harness);
        Assert.Equal("backend-sidecar-proxy", proxyId);
        Assert.Equal(["backend-sidecar-proxy-instance-0", "backend-sidecar-proxy-instance-1"], proxies.Nodes.Select(n => n.Service.Id));
        Assert.Equal(["10.0.0.11", "10.0.0.12"], proxies.Nodes.Select(n => n.Service.Address));
        var (_, service, _) = CatalogProtoMapper.FromProto(proxies.Nodes[0]);
        var meta = service.Connect!.PeerMeta!;
        var td = harness.Ca.TrustDomain;
        Assert.Equal([$"backend.default.default.{SessionHarness.PeerName}.external.{td}"], meta.SNI);
        Assert.Equal([$"spiffe://{td}/ns/default/dc/dc1/svc/backend", $"spiffe://{td}/gateway/mesh/dc/dc1"], meta.SpiffeID);
        Assert.Equal("tcp", meta.Protocol);
        Assert.Null(await harness.NothingWithinAsync(Quiet));
    }

    [Fact]
    public async Task Export_GatewayHealthChange_ResendsOnlyTheSyntheticProxies()
    {
        await using var harness = await StartAsync(Catalog.Gateway("gw-a", "10.0.0.11", 8443, HealthStatus.Passing));
        await NextServiceAsync(harness);
        await NextServiceAsync(harness);

        // Unrelated changes, and re-registering what is there, send nothing.
        harness.Replicator.Apply(Catalog.Register("node-b", "other", "other-1", HealthStatus.Critical));
        harness.Replicator.Apply(Catalog.Gateway("gw-a", "10.0.0.11", 8443, HealthStatus.Passing));
        Assert.Null(await harness.NothingWithinAsync(Quiet));

        harness.Replicator.Apply(Catalog.Gateway("gw-a", "10.0.0.11", 8443, HealthStatus.Critical));

        var (id, proxies) = await NextServiceAsync(harness);
        Assert.Equal("backend-sidecar-proxy", id);
        Assert.Equal(HealthStatus.Critical, Assert.Single(Assert.Single(proxies.Nodes).Checks).Status);
        Assert.Null(await harness.NothingWithinAsync(Quiet));
    }

    [Fact]
    public async Task Export_NoGateway_SendsNoProxiesUntilOneIsRegisteredAndDropsThemWhenItGoes()
    {
        await using var harness = await StartAsync();
        await NextServiceAsync(harness);
        var (id, none) = await NextServiceAsync(harness);
        Assert.Equal("backend-sidecar-proxy", id);
        Assert.Empty(none.Nodes);

        harness.Replicator.Apply(Catalog.Gateway("gw-a", "10.0.0.11", 8443, HealthStatus.Passing));
        Assert.Single((await NextServiceAsync(harness)).Service.Nodes);

        harness.Replicator.Apply(new DeregisterCatalog("gw-a", null, null));
        var (goneId, gone) = await NextServiceAsync(harness);
        Assert.Equal("backend-sidecar-proxy", goneId);
        Assert.Empty(gone.Nodes);
    }

    [Fact]
    public async Task Export_SidecarDeregistered_EmptiesTheProxiesWhileTheServiceStaysExported()
    {
        await using var harness = await StartAsync(Catalog.Gateway("gw-a", "10.0.0.11", 8443, HealthStatus.Passing));
        await NextServiceAsync(harness);
        await NextServiceAsync(harness);

        harness.Replicator.Apply(new DeregisterCatalog("node-a", "backend-sidecar-proxy", null));

        var (id, proxies) = await NextServiceAsync(harness);
        Assert.Equal("backend-sidecar-proxy", id);
        Assert.Empty(proxies.Nodes);
        Assert.Null(await harness.NothingWithinAsync(Quiet));
    }

    [Fact]
    public async Task Export_ProtocolChange_ResendsTheProxiesWithTheNewProtocol()
    {
        await using var harness = await StartAsync(Catalog.Gateway("gw-a", "10.0.0.11", 8443, HealthStatus.Passing));
        await NextServiceAsync(harness);
        await NextServiceAsync(harness);

        harness.Replicator.Apply(new SetConfigEntry("service-defaults", "backend", new JsonObject
        {
            ["Kind"] = "service-defaults",
            ["Name"] = "backend",
            ["Protocol"] = "http",
        }));

        var (id, proxies) = await NextServiceAsync(harness);
        Assert.Equal("backend-sidecar-proxy", id);
        Assert.Equal("http", CatalogProtoMapper.FromProto(Assert.Single(proxies.Nodes)).Service.Connect!.PeerMeta!.Protocol);
    }

    [Fact]
    public async Task Export_ServiceOutsideTheMesh_GetsNoProxies()
    {
        await using var harness = new SessionHarness();
        harness.Replicator.Apply(Catalog.Register("node-a", "plain", "plain-1", HealthStatus.Passing));
        harness.Replicator.Apply(Catalog.Gateway("gw-a", "10.0.0.11", 8443, HealthStatus.Passing));
        harness.Export("plain");
        harness.Start();
        await harness.SkipOpeningAsync();
        await harness.SendAsync(SessionHarness.Subscribe(ResourceUrls.ExportedService));

        Assert.Equal("plain", (await NextServiceAsync(harness)).Id);
        Assert.Null(await harness.NothingWithinAsync(Quiet));
    }
}
