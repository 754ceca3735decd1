using Parley.Client;
using Parley.IntegrationTests.Config;

namespace Parley.IntegrationTests.Peering;

/// <summary>
/// <c>parley peering doctor -peer-http-addr</c>, the built CLI against two real clusters: the peer's own API answers
/// whether the peering is ACTIVE there and whether it sees the service, from either side, and names the side that is not
/// ACTIVE once the link between them is cut.
/// </summary>
[Collection(ClusterPairCollection.Name)]
public sealed class PeeringDoctorCliTests(ClusterPairFixture clusters)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DoctorCli_AsksThePeersApi_ForItsStateAndWhatItSees_AndNamesTheSideThatIsDown()
    {
        var (exporter, importer) = (clusters.First, clusters.Second);
        TcpRelay? relay = new TcpRelay(exporter.Ports.GrpcTls);
        var (exporterAddress, importerAddress) =
            (exporter.Agent.Address.ToString().TrimEnd('/'), importer.Agent.Address.ToString().TrimEnd('/'));
        try
        {
            // The importer reaches the exporter's peering port only through the relay, so the test can cut the link.
            await PeeringSteps.PeerAsync(exporter, "dcli-importer", importer, "dcli-exporter", [relay!.Address]);
            await exporter.RegisterAsync("dcli-node", "dcli-backend", "dcli-backend-1", HealthStatus.Passing, Ct);
            await MeshGateways.RegisterSidecarAsync(exporter, "dcli-node", "dcli-backend", Ct);
            await exporter.ExportAsync("dcli-backend", "dcli-importer", Ct);
            await PeeringSteps.WaitForImportedCountAsync(importer, "dcli-backend", "dcli-exporter", 1);

            // Without the flag the peer's side is said to be unchecked.
            var alone = await ParleyCli.RunAsync(exporter.Agent.Address, Ct, "peering", "doctor", "-name", "dcli-importer");
            Assert.Equal(0, alone.ExitCode);
            Assert.Contains(
                "[PASS] Peering exists and is ACTIVE: ACTIVE here; not checked from the peer (give -peer-http-addr)\n",
                alone.Out,
                StringComparison.Ordinal);

            // From the exporter: the peer's record is found by its PeerID (our ID) and its ?peer= read holds the instance.
            var fromExporter = await ParleyCli.RunAsync(
                exporter.Agent.Address, Ct, "peering", "doctor", "-name", "dcli-importer", "-service", "dcli-backend", "-peer-http-addr",
                    importerAddress);
            Assert.Contains(
                "[PASS] Peering exists and is ACTIVE: ACTIVE here, ACTIVE on the peer (as \"dcli-exporter\")\n",
                fromExporter.Out,
                StringComparison.Ordinal);
            Assert.Contains(
                $"[PASS] The peer sees it: the peer sees 1 instance (?peer=dcli-exporter at {importerAddress})\n",
                fromExporter.Out,
                StringComparison.Ordinal);
            // The rest of the path is judged here as before: no mesh gateway in this cluster.
            Assert.EndsWith("The path breaks at: A mesh gateway is registered.\n", fromExporter.Out, StringComparison.Ordinal);
            Assert.Equal(1, fromExporter.ExitCode);

            // From the importer: the peer's record is the one whose ID is our PeerID.
            var fromImporter = await ParleyCli.RunAsync(
                importer.Agent.Address, Ct, "peering", "doctor", "-name", "dcli-exporter", "-peer-http-addr", exporterAddress);
            Assert.Equal((0, "[PASS] Peering exists and is ACTIVE: ACTIVE here, ACTIVE on the peer (as \"dcli-importer\")"),
                (fromImporter.ExitCode, fromImporter.Out.Split('\n')[0]));

            // The link is cut: both sides fail the stream, and the doctor says neither side is ACTIVE, with this side's error.
            await relay.DisposeAsync();
            relay = null;
            await PeeringSteps.WaitForStateAsync(exporter, "dcli-importer", PeeringState.Failing);
            await PeeringSteps.WaitForStateAsync(importer, "dcli-exporter", PeeringState.Failing);
            var cut = await ParleyCli.RunAsync(
                importer.Agent.Address, Ct, "peering", "doctor", "-name", "dcli-exporter", "-format", "json", "-peer-http-addr",
                    exporterAddress);
            var report = System.Text.Json.JsonSerializer.Deserialize<PeeringDoctorReport>(cut.Out, ParleyJson.Options)!;
            Assert.Equal(1, cut.ExitCode);
            Assert.False(report.Ok);
            var failed = Assert.Single(report.Steps, s => s.Status == "fail");
            Assert.Equal("peering", failed.ID);
            Assert.StartsWith(
                "neither side is ACTIVE: FAILING here, FAILING on the peer (as \"dcli-importer\"): ",
                failed.Detail,
                StringComparison.Ordinal);
            Assert.All(report.Steps.Skip(1), s => Assert.Equal("skip", s.Status));

            // A peer that cannot be reached is an error, not a verdict.
            var unreachable = await ParleyCli.RunAsync(
                importer.Agent.Address, Ct, "peering", "doctor", "-name", "dcli-exporter", "-peer-http-addr", "127.0.0.1:1");
            Assert.Equal(1, unreachable.ExitCode);
            Assert.StartsWith("Error asking the peer at 127.0.0.1:1: ", unreachable.Error, StringComparison.Ordinal);
        }
        finally
        {
            if (relay is not null)
            {
                await relay.DisposeAsync();
            }

            await importer.Client.Peerings.DeleteAsync("dcli-exporter", cancellationToken: Ct);
            await exporter.Client.Peerings.DeleteAsync("dcli-importer", cancellationToken: Ct);
            await PeeringSteps.WaitForGoneAsync(importer, "dcli-exporter");
            await PeeringSteps.WaitForGoneAsync(exporter, "dcli-importer");
        }
    }
}
