using System.Text;
using System.Text.Json.Nodes;
using Parley.Client;
using Parley.Testing;

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

        // Nothing exports it yet: the clusters are shared, so an entry another test left (a "*" to its own peer) goes first.
        await exporter.Client.ConfigEntries.DeleteAsync("exported-services", "default", cancellationToken: Ct);
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

    [Fact]
    public async Task Doctor_PeerServerStopped_FailsAtTheStreamWithItsError()
    {
        var dialer = clusters.Second;
        var acceptor = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc3" }, cancellationToken: Ct);
        try
        {
            await PeeringSteps.PeerAsync(acceptor, "doc-down-dialer", dialer, "doc-down");
            await Eventually.TrueAsync(
                async () => ((await dialer.Client.Peerings.DoctorAsync("doc-down", cancellationToken: Ct)).Ok, "not whole yet"),
                Eventually.DefaultTimeout,
                "the path is whole (the trust bundle arrived)", Ct);

            // The peer's only server is gone: the peering still exists here, the stream is what broke.
            await acceptor.DisposeAsync();
            acceptor = null;
            await ExpectFailureAsync(dialer, "doc-down", null, "stream", detail => detail.Length > 0);
        }
        finally
        {
            if (acceptor is not null)
            {
                await acceptor.DisposeAsync();
            }

            await dialer.Client.Peerings.DeleteAsync("doc-down", cancellationToken: Ct);
            await PeeringSteps.WaitForGoneAsync(dialer, "doc-down");
        }
    }

    [Fact]
    public async Task Doctor_TokenWithAnAlteredCa_TheExchangeFailsOnTlsAndTheDoctorNamesIt()
    {
        var (acceptor, dialer) = (clusters.First, clusters.Second);
        var token =
            JsonNode.Parse(Convert.FromBase64String(await PeeringSteps.GenerateTokenAsync(acceptor, "doc-wrong-ca-dialer")))!.AsObject();
        // Another cluster's real CA in place of the acceptor's: the acceptor's certificate no longer chains to it.
        var otherCa =
            JsonNode.Parse(await dialer.Agent.Http.GetStringAsync("/v1/connect/ca/roots", Ct))!["Roots"]![0]![
            "RootCert"]!.GetValue<string>();
        token["CA"] = new JsonArray(otherCa);
        var altered = Convert.ToBase64String(Encoding.UTF8.GetBytes(token.ToJsonString()));

        var refused = await Assert.ThrowsAsync<ParleyApiException>(() => dialer.Client.Peerings.EstablishAsync(
            new PeeringEstablishRequest { PeerName = "doc-wrong-ca", PeeringToken = altered }, cancellationToken: Ct));
        Assert.Contains("x509: certificate signed by unknown authority", refused.Message, StringComparison.Ordinal);
        Assert.Null(await dialer.PeeringAsync("doc-wrong-ca", Ct));

        var report = await dialer.Client.Peerings.DoctorAsync("doc-wrong-ca", cancellationToken: Ct);
        var failed = Assert.Single(report.Steps, s => s.Status == "fail");
        Assert.Equal("peering", failed.ID);
        Assert.StartsWith(
            "no peering named \"doc-wrong-ca\" here: the last establish was refused: ",
            failed.Detail,
            StringComparison.Ordinal);
        Assert.Contains("x509: certificate signed by unknown authority", failed.Detail, StringComparison.Ordinal);
        Assert.StartsWith("the token's CA or server name is not the peer's", failed.Fix, StringComparison.Ordinal);
        Assert.All(report.Steps.Skip(1), s => Assert.Equal("skip", s.Status));

        // The unaltered token establishes, and the refusal is forgotten.
        await dialer.Client.Peerings.EstablishAsync(
            new PeeringEstablishRequest
            {
                PeerName = "doc-wrong-ca",
                PeeringToken = await PeeringSteps.GenerateTokenAsync(acceptor, "doc-wrong-ca-dialer"),
            },
            cancellationToken: Ct);
        await PeeringSteps.WaitForStateAsync(dialer, "doc-wrong-ca", PeeringState.Active);
        Assert.Equal("ACTIVE here", (await dialer.Client.Peerings.DoctorAsync("doc-wrong-ca", cancellationToken: Ct)).Steps[0].Detail);

        await dialer.Client.Peerings.DeleteAsync("doc-wrong-ca", cancellationToken: Ct);
        await PeeringSteps.WaitForGoneAsync(dialer, "doc-wrong-ca");
        await acceptor.Client.Peerings.DeleteAsync("doc-wrong-ca-dialer", cancellationToken: Ct);
        await PeeringSteps.WaitForGoneAsync(acceptor, "doc-wrong-ca-dialer");
    }

    /// <summary>Waits until the doctor fails at <paramref name="step"/> alone, with every step before it passing.</summary>
    private static Task ExpectFailureAsync(PeeringCluster cluster, string peer, string? service, string step, Func<string, bool> detail) =>
        Eventually.TrueAsync(
            async () =>
            {
                var report = await cluster.Client.Peerings.DoctorAsync(peer, service, cancellationToken: Ct);
                var failed = report.Steps.Where(s => s.Status == "fail").ToList();
                var before = report.Steps.TakeWhile(s => s.Status != "fail").All(s => s.Status == "pass");
                var after = report.Steps.SkipWhile(s => s.Status != "fail").Skip(1).All(s => s.Status == "skip");
                return (failed is [{ } f] && f.ID == step && detail(f.Detail) && before && after && !report.Ok,
                    string.Join(" | ", report.Steps.Select(s => $"{s.ID}:{s.Status}:{s.Detail}")));
            },
            Eventually.DefaultTimeout,
            $"the doctor fails at {step}", Ct);

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
            Eventually.DefaultTimeout,
            $"the doctor fails at {step}", Ct);
}
