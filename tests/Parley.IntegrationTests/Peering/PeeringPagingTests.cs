using System.Globalization;
using Parley.Client;
using Parley.Testing;

namespace Parley.IntegrationTests.Peering;

/// <summary>A service too large for one peer-stream message is sent in pages and arrives whole.</summary>
[Collection(ClusterPairCollection.Name)]
public sealed class PeeringPagingTests(ClusterPairFixture clusters)
{
    private const int Instances = 3000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_ServiceOfSeveralMegabytes_ArrivesCompleteAndKeepsTheStreamUsable()
    {
        var (exporter, importer) = (clusters.First, clusters.Second);
        await PeeringSteps.PeerAsync(exporter, "page-importer", importer, "page-exporter");

        // 3000 instances with 16 meta values of 256 characters: over 12 MB, more than even the 8 MiB a peer-stream
        // receiver accepts in one message, so the service only arrives if it is sent in pages.
        var meta = Enumerable.Range(0, 16).ToDictionary(i => $"key{i}", i => new string((char)('a' + i), 256));
        await Parallel.ForAsync(0, Instances, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (i, ct) =>
        {
            var id = "page-big-" + i.ToString("D4", CultureInfo.InvariantCulture);
            await exporter.RegisterAsync($"page-node-{i % 40}", "page-big", id, [HealthStatus.Passing], meta, ct);
        });
        await exporter.RegisterAsync("page-node-0", "page-small", "page-small-1", HealthStatus.Passing, Ct);
        await exporter.ExportAsync([("page-big", ["page-importer"]), ("page-small", ["page-importer"])], Ct);

        await PeeringSteps.WaitForImportedCountAsync(importer, "page-big", "page-exporter", Instances, TimeSpan.FromSeconds(60));
        var imported = await importer.ImportedAsync("page-big", "page-exporter", Ct);
        Assert.Equal(Instances, imported.Select(e => e.Service!.ID).Distinct().Count());
        Assert.All(imported, e => Assert.Equal(meta, e.Service!.Meta));

        // The stream carries on: the small service came too, and a change to the big one still flows.
        await PeeringSteps.WaitForImportedCountAsync(importer, "page-small", "page-exporter", 1);
        await exporter.RegisterAsync("page-node-7", "page-big", "page-big-0007", HealthStatus.Critical, Ct);
        await Eventually.EqualAsync(
            HealthStatus.Critical,
            async ()
                => (await importer.ImportedAsync("page-big", "page-exporter", Ct)).Single(e => e.Service!.ID == "page-big-0007")
                .Checks!.Single().Status,
            Eventually.DefaultTimeout,
            "the health change of one instance of the big service reaches the importer", Ct);
        Assert.Equal(PeeringState.Active, await importer.StateAsync("page-exporter", Ct));
    }
}
