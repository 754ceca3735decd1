using System.Net;
using System.Text.Json.Nodes;
using Parley.Client;
using Parley.IntegrationTests.Config;
using Parley.IntegrationTests.Peering;
using Parley.Testing;

namespace Parley.IntegrationTests.Dns;

/// <summary>
/// A prepared query with <c>Failover.Targets = [{Peer}]</c> on two peered clusters: it answers from the local instances,
/// from the peer's imported ones when no local one passes, and from the local ones again when they recover — through
/// <c>/v1/query/:name/execute</c> and through dig on <c>&lt;name&gt;.query.consul</c>.
/// </summary>
public sealed class PreparedQueryFailoverTests
{
    private const string Local = "1 1 8080 node-local.node.dc2.consul.";
    private const string Remote = "1 1 8080 node-a.node.cluster-01.peer.consul.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PeerTarget_AnswersWhenNoLocalInstancePasses_AndLocalAgainWhenItRecovers()
    {
        await using var exporter = await PeeringCluster.StartAsync(cancellationToken: Ct);
        var dnsPort = FreePorts.Next();
        await using var importer = await PeeringCluster.StartAsync(
            c => c with { Datacenter = "dc2", Ports = c.Ports with { Dns = dnsPort } }, cancellationToken: Ct);
        await PeeringSteps.PeerAsync(exporter, "cluster-02", importer, "cluster-01");
        await exporter.RegisterAsync("node-a", "backend", "backend-1", HealthStatus.Passing, Ct);
        await exporter.ExportAsync("backend", "cluster-02", Ct);
        await PeeringSteps.WaitForImportedCountAsync(importer, "backend", "cluster-01", 1);
        await importer.RegisterAsync("node-local", "backend", "backend-local", HealthStatus.Passing, Ct);
        var http = importer.Agent.Http;
        var created = await http.PostAnswerAsync("/v1/query",
            """{"Name":"backend","Service":{"Service":"backend","Failover":{"Targets":[{"Peer":"cluster-01"}]}},"DNS":{"TTL":"15s"}}""",
                Ct);
        Assert.Equal(HttpStatusCode.OK, created.Status);

        // Healthy locally: the local instance answers, nothing failed over.
        var local = await ExecuteAsync(http);
        Assert.Equal(("dc2", "", 0, "node-local"), (local.Datacenter, local.Peer, local.Failovers, local.Nodes));
        var srv = await Dig.AskAsync(dnsPort, "backend.query.consul", "SRV");
        Assert.Equal([Local], srv.Data("SRV"));
        Assert.All(srv.Answer, r => Assert.Equal(15, r.Ttl));
        Assert.Equal(["127.0.0.1"], (await Dig.AskAsync(dnsPort, "backend.query.dc2.consul")).Data("A"));

        // The local instance fails: the peer's imported instance answers, addressed under the peer's name.
        await importer.RegisterAsync("node-local", "backend", "backend-local", HealthStatus.Critical, Ct);
        var failed = await ExecuteAsync(http);
        Assert.Equal(("", "cluster-01", 1, "node-a"), (failed.Datacenter, failed.Peer, failed.Failovers, failed.Nodes));
        Assert.Equal([Remote], (await Dig.AskAsync(dnsPort, "backend.query.consul", "SRV")).Data("SRV"));
        Assert.Equal(["127.0.0.1"], (await Dig.AskAsync(dnsPort, "backend.query.consul")).Data("A"));

        // It recovers: local again.
        await importer.RegisterAsync("node-local", "backend", "backend-local", HealthStatus.Passing, Ct);
        var back = await ExecuteAsync(http);
        Assert.Equal(("dc2", 0, "node-local"), (back.Datacenter, back.Failovers, back.Nodes));
        Assert.Equal([Local], (await Dig.AskAsync(dnsPort, "backend.query.consul", "SRV")).Data("SRV"));

        // The peer's instance fails too while the local one is down: nothing answers, after trying the peer.
        await importer.RegisterAsync("node-local", "backend", "backend-local", HealthStatus.Critical, Ct);
        await exporter.RegisterAsync("node-a", "backend", "backend-1", HealthStatus.Critical, Ct);
        await Eventually.EqualAsync(
            "[] after 1 failover(s)",
            async () =>
            {
                var r = await ExecuteAsync(http);
                return $"[{r.Nodes}] after {r.Failovers} failover(s)";
            },
            Eventually.DefaultTimeout,
            "the peer's failing instance leaves the query's answer", Ct);
        Assert.Equal("NXDOMAIN", (await Dig.AskAsync(dnsPort, "backend.query.consul")).Status);
    }

    [Fact]
    public async Task DatacenterTargets_AnswerNothing_AndUnknownQueriesAreNameErrors()
    {
        var dnsPort = FreePorts.Next();
        await using var agent = await TestAgent.StartAsync(c => c with { Ports = c.Ports with { Dns = dnsPort } }, cancellationToken: Ct);
        await agent.Http.PostAnswerAsync(
            "/v1/query",
            """{"Name":"db","Service":{"Service":"db","Failover":{"Datacenters":["dc9"]}}}""",
            Ct);

        var answer = (await agent.Http.GetAnswerAsync("/v1/query/db/execute", Ct)).Ok<JsonObject>();

        // Parley has no WAN federation: another datacenter is unknown, skipped as Consul skips one it has no path to.
        Assert.Equal((0, 0), (answer["Nodes"]!.AsArray().Count, (int)answer["Failovers"]!));
        Assert.Equal("NXDOMAIN", (await Dig.AskAsync(dnsPort, "db.query.consul")).Status);
        Assert.Equal("NXDOMAIN", (await Dig.AskAsync(dnsPort, "nope.query.consul")).Status);
    }

    /// <summary>Who answered the query and the answering nodes' names, comma-separated in order of name.</summary>
    private static async Task<(string Datacenter, string Peer, int Failovers, string Nodes)> ExecuteAsync(HttpClient http)
    {
        var answer = (await http.GetAnswerAsync("/v1/query/backend/execute", Ct)).Ok<JsonObject>();
        return ((string)answer["Datacenter"]!, (string)answer["PeerName"]!, (int)answer["Failovers"]!,
            string.Join(",", answer["Nodes"]!.AsArray().Select(n => (string)n!["Node"]!["Node"]!).Order(StringComparer.Ordinal)));
    }
}
