using System.Globalization;
using Parley.Client;
using Parley.Testing;

namespace Parley.IntegrationTests.Peering;

/// <summary>
/// Property: for random <c>exported-services</c> entries and random services (instances come and go, health
/// changes), the importer eventually holds exactly what the entry grants it — no more, no less, health flattened.
/// </summary>
[Collection(ClusterPairCollection.Name)]
public sealed class PeeringExportPropertyTests(ClusterPairFixture clusters)
{
    private const string ImporterName = "prop-importer";
    private const string ExporterName = "prop-exporter";
    private const string Stranger = "prop-stranger";
    private const int Rounds = 10;

    private static readonly string[] Services = ["prop-a", "prop-b", "prop-c", "prop-d", "prop-e"];
    private static readonly string[] Nodes = ["prop-node-1", "prop-node-2", "prop-node-3"];
    private static readonly string[] Statuses = [HealthStatus.Passing, HealthStatus.Warning, HealthStatus.Critical];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_RandomEntriesAndServices_ImporterHoldsExactlyWhatWasExported()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PARLEY_PROPERTY_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        var random = new Random(seed);
        var (exporter, importer) = (clusters.First, clusters.Second);
        await PeeringSteps.PeerAsync(exporter, ImporterName, importer, ExporterName);

        var instances = new Dictionary<(string Node, string Id), string>();
        var nextId = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            // Random catalog changes: new instances, removed ones, changed health (0-3 checks each).
            for (var change = random.Next(2, 6); change > 0; change--)
            {
                var choice = random.Next(3);
                if (choice == 0 || instances.Count == 0)
                {
                    var key = (Nodes[random.Next(Nodes.Length)], $"prop-{nextId++}");
                    instances[key] = Services[random.Next(Services.Length)];
                    await exporter.RegisterAsync(key.Item1, instances[key], key.Item2, RandomStatuses(random), cancellationToken: Ct);
                }
                else if (choice == 1)
                {
                    var key = instances.Keys.ElementAt(random.Next(instances.Count));
                    instances.Remove(key);
                    await exporter.Client.Catalog.DeregisterAsync(
                        new CatalogDeregistration { Node = key.Node, ServiceID = key.Id },
                        cancellationToken: Ct);
                }
                else
                {
                    var key = instances.Keys.ElementAt(random.Next(instances.Count));
                    await exporter.RegisterAsync(key.Node, instances[key], key.Id, RandomStatuses(random), cancellationToken: Ct);
                }
            }

            // A random entry: some services to the importer, some only to a peer name nobody uses, maybe "*".
            var entry = new List<(string Service, string[] Peers)>();
            foreach (var service in Services.Where(_ => random.Next(3) > 0))
            {
                entry.Add((service, random.Next(4) switch { 0 => [Stranger], 1 => [Stranger, ImporterName], _ => [ImporterName] }));
            }

            if (random.Next(5) == 0)
            {
                entry.Add(("*", random.Next(2) == 0 ? [ImporterName] : [Stranger]));
            }

            if (entry.Count == 0)
            {
                entry.Add(("prop-nothing", [Stranger]));
            }

            await exporter.ExportAsync(entry, Ct);
            var description =
                $"seed {seed}, round {round}," +
                $" entry [{string.Join("; ", entry.Select(e => $"{e.Service} -> {string.Join(",", e.Peers)}"))}]";
            await Eventually.TrueAsync(
                async () =>
                {
                    var expected = await ExpectedAsync(exporter, entry);
                    var actual = await ImportedAsync(importer);
                    return (expected.SetEquals(actual), $"expected [{Describe(expected)}] but imported [{Describe(actual)}]");
                },
                Eventually.DefaultTimeout,
                "the importer holds exactly the exported instances (" + description + ")", Ct);
        }
    }

    private static IReadOnlyList<string> RandomStatuses(Random random) =>
        [.. Enumerable.Range(0, random.Next(4)).Select(_ => Statuses[random.Next(Statuses.Length)])];

    /// <summary>What the entry grants the importer, read from the exporter's own catalog: service, node, ID, worst status.</summary>
    private static async Task<HashSet<string>> ExpectedAsync(PeeringCluster exporter, List<(string Service, string[] Peers)> entry)
    {
        var granted = entry.Where(e => e.Peers.Contains(ImporterName)).Select(e => e.Service).ToHashSet(StringComparer.Ordinal);
        if (granted.Remove("*"))
        {
            var local = (await exporter.Client.Catalog.ServicesAsync(cancellationToken: Ct)).Value.Keys;
            granted.UnionWith(local.Where(n => n != "consul"));
        }

        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in granted)
        {
            foreach (var instance in (await exporter.Client.Health.ServiceAsync(service, cancellationToken: Ct)).Value)
            {
                if (string.IsNullOrEmpty(instance.Service!.Kind))
                {
                    var statuses = instance.Checks!.Select(c => c.Status).ToList();
                    rows.Add(Row(service, instance.Node!.Name, instance.Service.ID, statuses.Count == 0 ? "none" : Worst(statuses)));
                }
            }
        }

        return rows;
    }

    /// <summary>What the importer holds from the exporter; each instance must carry exactly one overall-check.</summary>
    private static async Task<HashSet<string>> ImportedAsync(PeeringCluster importer)
    {
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in await importer.ImportedNamesAsync(ExporterName, Ct))
        {
            foreach (var instance in await importer.ImportedAsync(service, ExporterName, Ct))
            {
                var status = instance.Checks switch
                {
                    null or [] => "none",
                    [var only] when only.CheckID == instance.Service!.ID + ":overall-check" => only.Status,
                    var checks => "unexpected checks " + string.Join("+", checks.Select(c => c.CheckID)),
                };
                rows.Add(Row(service, instance.Node!.Name, instance.Service!.ID, status));
            }
        }

        return rows;
    }

    private static string Worst(List<string> statuses) =>
        statuses.Contains(HealthStatus.Critical)
            ? HealthStatus.Critical
            : statuses.Contains(HealthStatus.Warning)
            ? HealthStatus.Warning
            : HealthStatus.Passing;

    private static string Row(string service, string node, string id, string status) => $"{service}/{node}/{id}={status}";

    private static string Describe(HashSet<string> rows) => string.Join(", ", rows.Order(StringComparer.Ordinal));
}
