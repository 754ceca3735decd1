using Parley.Client;

namespace Parley.IntegrationTests.Peering;

/// <summary>
/// <c>GET /v1/peering/:name/doctor</c> on two real clusters: each diagnosis names its step and nothing earlier fails,
/// and fixing it moves the verdict on to the next step until the path is whole.
/// </summary>
[Collection(ClusterPairCollection.Name)]
public sealed class PeeringDoctorTests(ClusterPairFixture clusters)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Doctor_FollowsTheServiceStepByStep_UntilThePathIsWhole()
    {
        var (exporter, importer) = (clusters.First, clusters.Second);
        await PeeringSteps.PeerAsync(exporter, "doc-importer", importer, "doc-exporter");
        await exporter.RegisterAsync("doc-node", "doc-backend", "doc-backend-1", HealthStatus.Critical, Ct);

        // Nothing exports it yet.
        await ExpectFailureAsync(exporter, "exported", "doc-backend is not exported");

        // Exported, but to another peer.
        await exporter.ExportAsync("doc-backend", "doc-someone-else", Ct);
        await ExpectFailureAsync(exporter, "exported", "exported to doc-someone-else, not doc-importer");

        // Exported to the peer, but no instance passes.
        await exporter.ExportAsync("doc-backend", "doc-importer", Ct);
        await ExpectFailureAsync(exporter, "instances", "none of 1 instance passing");

        // Passing, but no sidecar for mesh use.
        await exporter.RegisterAsync("doc-node", "doc-backend", "doc-backend-1", HealthStatus.Passing, Ct);
        await ExpectFailureAsync(exporter, "sidecar", "doc-backend has no sidecar proxy");

        // A sidecar, but an intention denies the peer's callers.
        await exporter.Client.Catalog.RegisterAsync(new CatalogRegistration
        {
            Node = "doc-node",
            Address = "127.0.0.1",
            Service = new AgentService
            {
                ID = "doc-backend-sidecar-proxy",
                Service = "doc-backend-sidecar-proxy",
                Kind = "connect-proxy",
                Port = 21000,
                Proxy = new System.Text.Json.Nodes.JsonObject { ["DestinationServiceName"] = "doc-backend" },
            },
        }, cancellationToken: Ct);
        await exporter.Client.ConfigEntries.SetAsync(new System.Text.Json.Nodes.JsonObject
        {
            ["Kind"] = "service-intentions",
            ["Name"] = "doc-backend",
            ["Sources"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["Name"] = "*",
                ["Peer"] = "doc-importer",
                ["Action"] = "deny",
            }),
        }, cancellationToken: Ct);
        await ExpectFailureAsync(exporter, "intention", "denied by the intention doc-importer/* => doc-backend");

        // Allowed, but no mesh gateway.
        await exporter.Client.ConfigEntries.DeleteAsync("service-intentions", "doc-backend", cancellationToken: Ct);
        await ExpectFailureAsync(exporter, "mesh-gateway", "no mesh gateway registered here");

        // The importing side sees the service and judges the import.
        var imported = await importer.Client.Peerings.DoctorAsync("doc-exporter", "doc-backend", cancellationToken: Ct);
        Assert.Equal("doc-backend is imported from doc-exporter (1 instance)", imported.Steps.Single(s => s.ID == "service").Detail);

        await importer.Client.Peerings.DeleteAsync("doc-exporter", cancellationToken: Ct);
        await PeeringSteps.WaitForGoneAsync(importer, "doc-exporter");
        await exporter.Client.Peerings.DeleteAsync("doc-importer", cancellationToken: Ct);
        await PeeringSteps.WaitForGoneAsync(exporter, "doc-importer");
    }

    [Fact]
    public async Task Doctor_ExpiredTokenAndUnknownPeer_FailAtThePeeringStep()
    {
        var acceptor = clusters.First;
        await acceptor.Client.Peerings.GenerateTokenAsync(
            new PeeringGenerateTokenRequest { PeerName = "doc-expired", ExpiresIn = "1s" }, cancellationToken: Ct);
        await PeeringSteps.WaitForStateAsync(acceptor, "doc-expired", PeeringState.Expired);

        var expired = await acceptor.Client.Peerings.DoctorAsync("doc-expired", cancellationToken: Ct);
        var unknown = await acceptor.Client.Peerings.DoctorAsync("doc-nobody", cancellationToken: Ct);

        Assert.False(expired.Ok);
        Assert.Equal("peering", expired.Steps.Single(s => s.Status == "fail").ID);
        Assert.StartsWith("EXPIRED", expired.Steps[0].Detail, StringComparison.Ordinal);
        Assert.Equal("no peering named \"doc-nobody\" here", unknown.Steps.Single(s => s.Status == "fail").Detail);
        await acceptor.Client.Peerings.DeleteAsync("doc-expired", cancellationToken: Ct);
    }

    private static Task ExpectFailureAsync(PeeringCluster cluster, string step, string detail) =>
        Eventually.TrueAsync(
            async () =>
            {
                var report = await cluster.Client.Peerings.DoctorAsync("doc-importer", "doc-backend", cancellationToken: Ct);
                var failed = report.Steps.Where(s => s.Status == "fail").ToList();
                var before = report.Steps.TakeWhile(s => s.Status != "fail").All(s => s.Status == "pass");
                return (failed is [{ } f] && f.ID == step && f.Detail == detail && before && !report.Ok,
                    string.Join(" | ", report.Steps.Select(s => $"{s.ID}:{s.Status}:{s.Detail}")));
            },
            $"the doctor fails at {step}");
}
