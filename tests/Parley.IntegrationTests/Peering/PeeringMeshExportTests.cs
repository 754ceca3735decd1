using System.Text.Json.Nodes;
using Parley.Client;
using Parley.Testing;

namespace Parley.IntegrationTests.Peering;

/// <summary>
/// Exported services carry their mesh to the peer (consul-compat 4.5.2): the importer sees one synthetic sidecar proxy
/// per exporter mesh gateway under <c>/v1/health/connect/S?peer=</c>, with the SNI and identities to dial it by.
/// </summary>
public sealed class PeeringMeshExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<ServiceEntry>> ConnectAsync(PeeringCluster importer, string service, string peer) =>
        (await importer.Client.Health.ConnectAsync(service, peer, cancellationToken: Ct)).Value;

    private static Task WaitForConnectAsync(PeeringCluster importer, string service, string peer,
        Func<IReadOnlyList<ServiceEntry>, bool> ok, string what) =>
        Eventually.TrueAsync(
            async () =>
            {
                var entries = await ConnectAsync(importer, service, peer);
                return (ok(entries),
                    string.Join("; ",
                    entries.Select(e => $"{e.Service!.ID}@{e.Service.Address}:{e.Service.Port} {e.Service.Connect?.ToJsonString()} " +
                    string.Join(",", e.Checks!.Select(c => c.Status)))));
            },
            Eventually.DefaultTimeout,
            what, Ct);

    [Fact]
    public async Task ConnectExportedService_ReachesTheImporterAsProxiesAtTheExportersGateways()
    {
        await using var exporter = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc1" }, cancellationToken: Ct);
        await using var importer = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc2" }, cancellationToken: Ct);
        await PeeringSteps.PeerAsync(exporter, "cluster-02", importer, "cluster-01");
        var trustDomain = await MeshGateways.TrustDomainAsync(exporter, Ct);

        await exporter.RegisterAsync("node-a", "backend", "backend-1", HealthStatus.Passing, Ct);
        await MeshGateways.RegisterSidecarAsync(exporter, "node-a", "backend", Ct);
        await exporter.RegisterAsync("node-a", "private", "private-1", HealthStatus.Passing, Ct);
        await MeshGateways.RegisterSidecarAsync(exporter, "node-a", "private", Ct);
        await exporter.ExportAsync([("backend", ["cluster-02"]), ("private", ["someone-else"])], Ct);

        // Without a mesh gateway the service is imported but nothing can dial it through the mesh.
        await PeeringSteps.WaitForImportedCountAsync(importer, "backend", "cluster-01", 1);
        Assert.Empty(await ConnectAsync(importer, "backend", "cluster-01"));

        // A gateway: one synthetic proxy at the gateway's address and WAN port, with the gateway's health.
        await MeshGateways.RegisterAsync(exporter, "gateway-node", 14443, HealthStatus.Passing, wanPort: 24443, Ct);
        await WaitForConnectAsync(importer, "backend", "cluster-01", e => e.Count == 1, "one proxy is imported for backend");
        var entry = Assert.Single(await ConnectAsync(importer, "backend", "cluster-01"));
        var proxy = entry.Service!;
        Assert.Equal(("connect-proxy", "backend-sidecar-proxy", "backend-sidecar-proxy-instance-0"), (proxy.Kind, proxy.Service, proxy.ID));
        Assert.Equal(("127.0.0.1", 14443, 24443), (proxy.Address, proxy.Port, proxy.TaggedAddresses!["wan"].Port));
        Assert.Equal(("cluster-01", "gateway-node"), (proxy.PeerName, entry.Node!.Name));
        Assert.Equal("backend", proxy.Proxy!["DestinationServiceName"]!.GetValue<string>());
        var meta = proxy.Connect!["PeerMeta"]!;
        Assert.Equal(
            $"backend.default.default.cluster-02.external.{trustDomain}",
            Assert.Single(meta["SNI"]!.AsArray())!.GetValue<string>());
        Assert.Equal(
            [$"spiffe://{trustDomain}/ns/default/dc/dc1/svc/backend", $"spiffe://{trustDomain}/gateway/mesh/dc/dc1"],
            meta["SpiffeID"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("tcp", meta["Protocol"]!.GetValue<string>());
        var check = Assert.Single(entry.Checks!);
        Assert.Equal(("backend-sidecar-proxy-instance-0:overall-check", HealthStatus.Passing), (check.CheckID, check.Status));

        // What is exported to another peer only never crosses, neither the service nor its proxies.
        Assert.Equal(
            ["backend", "backend-sidecar-proxy"],
            (await importer.ImportedNamesAsync("cluster-01", Ct)).Order(StringComparer.Ordinal));

        // The gateway's health is the proxies' health.
        await MeshGateways.RegisterAsync(exporter, "gateway-node", 14443, HealthStatus.Critical, wanPort: 24443, Ct);
        await WaitForConnectAsync(importer, "backend", "cluster-01", e => e is [{ Checks: [{ Status: HealthStatus.Critical }] }],
            "the proxy turns critical with the gateway");

        // The protocol follows service-defaults.
        await exporter.Client.ConfigEntries.SetAsync(
            new JsonObject { ["Kind"] = "service-defaults", ["Name"] = "backend", ["Protocol"] = "http" }, cancellationToken: Ct);
        await WaitForConnectAsync(
            importer, "backend", "cluster-01", e => e is [{ Service.Connect: { } c }]
                && c["PeerMeta"]?["Protocol"]?.GetValue<string>() == "http",
            "the proxy's PeerMeta says http");

        // A second gateway adds a second proxy; deregistering both removes them, while backend itself stays.
        await MeshGateways.RegisterAsync(exporter, "gateway-node-2", 15443, HealthStatus.Passing, cancellationToken: Ct);
        await WaitForConnectAsync(importer, "backend", "cluster-01", e => e.Count == 2, "a proxy per gateway");
        await exporter.Client.Catalog.DeregisterAsync(new CatalogDeregistration { Node = "gateway-node" }, cancellationToken: Ct);
        await exporter.Client.Catalog.DeregisterAsync(new CatalogDeregistration { Node = "gateway-node-2" }, cancellationToken: Ct);
        await WaitForConnectAsync(importer, "backend", "cluster-01", e => e.Count == 0, "the proxies are gone with the gateways");
        Assert.Single(await importer.ImportedAsync("backend", "cluster-01", Ct));
    }

    [Fact]
    public async Task SidecarRemovedOrServiceUnexported_DropsTheImportedProxies()
    {
        await using var exporter = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc1" }, cancellationToken: Ct);
        await using var importer = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc2" }, cancellationToken: Ct);
        await PeeringSteps.PeerAsync(exporter, "cluster-02", importer, "cluster-01");
        await MeshGateways.RegisterAsync(exporter, "gateway-node", 14443, HealthStatus.Passing, cancellationToken: Ct);
        await exporter.RegisterAsync("node-a", "web", "web-1", HealthStatus.Passing, Ct);
        await MeshGateways.RegisterSidecarAsync(exporter, "node-a", "web", Ct);
        await exporter.RegisterAsync("node-a", "api", "api-1", HealthStatus.Passing, Ct);
        await MeshGateways.RegisterSidecarAsync(exporter, "node-a", "api", Ct);
        await exporter.ExportAsync([("web", ["cluster-02"]), ("api", ["cluster-02"])], Ct);
        await WaitForConnectAsync(importer, "web", "cluster-01", e => e.Count == 1, "web's proxy is imported");
        await WaitForConnectAsync(importer, "api", "cluster-01", e => e.Count == 1, "api's proxy is imported");

        // web leaves the mesh (its sidecar goes) but stays exported: its proxies go, web stays.
        await exporter.Client.Catalog.DeregisterAsync(
            new CatalogDeregistration { Node = "node-a", ServiceID = "web-sidecar-proxy" },
            cancellationToken: Ct);
        await WaitForConnectAsync(importer, "web", "cluster-01", e => e.Count == 0, "web's proxy is dropped");
        Assert.Single(await importer.ImportedAsync("web", "cluster-01", Ct));

        // api is no longer exported: the service and its proxies go.
        await exporter.ExportAsync("web", "cluster-02", Ct);
        await WaitForConnectAsync(importer, "api", "cluster-01", e => e.Count == 0, "api's proxy is dropped");
        await Eventually.EqualAsync("web", async () => string.Join(",", await importer.ImportedNamesAsync("cluster-01", Ct)),
            Eventually.DefaultTimeout, "only web is left", Ct);
    }
}
