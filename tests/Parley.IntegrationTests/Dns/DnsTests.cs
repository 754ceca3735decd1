using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Parley.Client;
using Parley.IntegrationTests.Peering;
using Parley.Testing;

namespace Parley.IntegrationTests.Dns;

/// <summary>
/// The DNS interface of a real agent, asked with dig: Consul's name forms, health filtering, SRV targets, truncation,
/// TCP, NXDOMAIN with the SOA, recursion, and imported services under their peer's name.
/// </summary>
public sealed class DnsTests
{
    [Fact]
    public async Task ServiceLookups_AnswerPassingAndWarningInstances_ByTagAndRfc2782()
    {
        await using var cluster = await StartAsync();
        await RegisterAsync(cluster, "host-a", "web", "web-1", "10.0.0.1", HealthStatus.Passing, tags: ["primary"]);
        await RegisterAsync(cluster, "host-b", "web", "web-2", "10.0.0.2", HealthStatus.Warning, tags: ["secondary"]);
        await RegisterAsync(cluster, "host-c", "web", "web-3", "10.0.0.3", HealthStatus.Critical, tags: ["primary"]);

        var all = await Dig.AskAsync(cluster.DnsPort, "web.service.consul");
        Assert.Equal("NOERROR", all.Status);
        Assert.Contains("aa", all.Flags);
        Assert.Equal(["10.0.0.1", "10.0.0.2"], all.Data("A").Order());

        Assert.Equal(["10.0.0.1"], (await Dig.AskAsync(cluster.DnsPort, "primary.web.service.consul")).Data("A"));
        Assert.Equal(["10.0.0.1", "10.0.0.2"], (await Dig.AskAsync(cluster.DnsPort, "web.service.dc1.consul")).Data("A").Order());

        var srv = await Dig.AskAsync(cluster.DnsPort, "_web._secondary.service.consul", "SRV");
        Assert.Equal(["1 1 8080 0a000002.addr.dc1.consul."], srv.Data("SRV"));
        Assert.Contains(srv.Additional, r => r is { Name: "0a000002.addr.dc1.consul.", Type: "A", Data: "10.0.0.2" });

        // The critical instance is never answered; one with only a critical instance is no name at all.
        await RegisterAsync(cluster, "host-c", "broken", "broken-1", "10.0.0.9", HealthStatus.Critical);
        var broken = await Dig.AskAsync(cluster.DnsPort, "broken.service.consul");
        Assert.Equal("NXDOMAIN", broken.Status);
        Assert.Contains(
            broken.Authority, r => r.Type == "SOA" && r.Data.StartsWith("ns.consul. hostmaster.consul.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnlyPassing_DropsWarningInstances()
    {
        await using var cluster = await StartAsync(dns => dns with { OnlyPassing = true });
        await RegisterAsync(cluster, "host-a", "web", "web-1", "10.0.0.1", HealthStatus.Passing);
        await RegisterAsync(cluster, "host-b", "web", "web-2", "10.0.0.2", HealthStatus.Warning);

        Assert.Equal(["10.0.0.1"], (await Dig.AskAsync(cluster.DnsPort, "web.service.consul")).Data("A"));
    }

    [Fact]
    public async Task NodesSoaAndUnknownNames_AnswerAsConsul()
    {
        await using var cluster = await StartAsync();
        await RegisterAsync(cluster, "host-a", "db", "db-1", address: "", HealthStatus.Passing);

        // An instance without its own address points at its node.
        var srv = await Dig.AskAsync(cluster.DnsPort, "db.service.consul", "SRV");
        Assert.Equal(["1 1 8080 host-a.node.dc1.consul."], srv.Data("SRV"));
        Assert.Contains(srv.Additional, r => r is { Name: "host-a.node.dc1.consul.", Type: "A", Data: "127.0.0.1" });
        Assert.Equal(["127.0.0.1"], (await Dig.AskAsync(cluster.DnsPort, "host-a.node.consul")).Data("A"));
        Assert.Equal(["127.0.0.1"], (await Dig.AskAsync(cluster.DnsPort, "HOST-A.node.dc1.consul")).Data("A"));

        var soa = await Dig.AskAsync(cluster.DnsPort, "consul", "SOA");
        Assert.Single(soa.Data("SOA"));
        Assert.Contains(soa.Authority, r => r.Type == "NS" && r.Data.EndsWith(".node.dc1.consul.", StringComparison.Ordinal));

        foreach (var unknown in (string[])["nope.service.consul", "nope.node.consul", "web.service.dc9.consul", "what.consul"])
        {
            var answer = await Dig.AskAsync(cluster.DnsPort, unknown);
            Assert.Equal("NXDOMAIN", answer.Status);
            Assert.Single(answer.Authority, r => r.Type == "SOA");
        }

        // Outside the domain with no recursors: refused, as Consul does.
        Assert.Equal("REFUSED", (await Dig.AskAsync(cluster.DnsPort, "example.com")).Status);
    }

    [Fact]
    public async Task UdpAnswers_AreCutToTheLimit_AndTcpCarriesThemAll()
    {
        await using var cluster = await StartAsync(dns => dns with { EnableTruncate = true });
        for (var i = 1; i <= 10; i++)
        {
            await RegisterAsync(cluster, $"host-{i}", "web", $"web-{i}", $"10.0.1.{i}", HealthStatus.Passing);
        }

        var udp = await Dig.AskAsync(cluster.DnsPort, "web.service.consul", "A", "+noedns", "+ignore");
        Assert.Equal(3, udp.Data("A").Count);
        Assert.Contains("tc", udp.Flags);

        var tcp = await Dig.AskAsync(cluster.DnsPort, "web.service.consul", "A", "+tcp");
        Assert.Equal(10, tcp.Data("A").Distinct().Count());
        Assert.DoesNotContain("tc", tcp.Flags);

        // dig retries over TCP by itself when it sees TC, as resolvers do.
        Assert.Equal(10, (await Dig.AskAsync(cluster.DnsPort, "web.service.consul", "A", "+noedns")).Data("A").Count);
    }

    [Fact]
    public async Task RepeatedLookups_AreShuffled_FollowTheCatalog_AndKeepTheQuestionsCase()
    {
        await using var cluster = await StartAsync();
        for (var i = 1; i <= 5; i++)
        {
            await RegisterAsync(cluster, $"host-{i}", "web", $"web-{i}", $"10.0.2.{i}", HealthStatus.Passing);
        }

        // The same question again and again: every reply a fresh random pick and order, as the first one was.
        var cut = new HashSet<string>(StringComparer.Ordinal);
        var firsts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 20; i++)
        {
            var udp = (await Dig.AskAsync(cluster.DnsPort, "web.service.consul", "A", "+noedns", "+ignore")).Data("A");
            Assert.Equal(3, udp.Distinct().Count());
            cut.Add(string.Join(",", udp));
            var all = (await Dig.AskAsync(cluster.DnsPort, "web.service.consul")).Data("A");
            Assert.Equal(["10.0.2.1", "10.0.2.2", "10.0.2.3", "10.0.2.4", "10.0.2.5"], all.Order());
            firsts.Add(all[0]);
        }

        Assert.True(cut.Count > 1, "twenty cut UDP replies were all the same");
        Assert.True(firsts.Count > 1, "twenty replies all started with the same address");

        // Answers follow the catalog from the next question on.
        await RegisterAsync(cluster, "host-6", "web", "web-6", "10.0.2.6", HealthStatus.Passing);
        Assert.Contains("10.0.2.6", (await Dig.AskAsync(cluster.DnsPort, "web.service.consul")).Data("A"));
        await RegisterAsync(cluster, "host-1", "web", "web-1", "10.0.2.1", HealthStatus.Critical);
        Assert.Equal(
            ["10.0.2.2", "10.0.2.3", "10.0.2.4", "10.0.2.5", "10.0.2.6"],
            (await Dig.AskAsync(cluster.DnsPort, "web.service.consul")).Data("A").Order());

        // Resolvers that randomise the case of their questions get it back as they sent it, first time and after.
        for (var i = 0; i < 2; i++)
        {
            var mixed = await Dig.AskAsync(cluster.DnsPort, "WeB.SeRvIcE.CoNsUl");
            Assert.Equal(5, mixed.Answer.Count);
            Assert.All(mixed.Answer, r => Assert.Equal("WeB.SeRvIcE.CoNsUl.", r.Name));
        }
    }

    [Fact]
    public async Task AnUnreadableQuery_GetsFormatError_WithItsId()
    {
        await using var cluster = await StartAsync();
        using var udp = new System.Net.Sockets.UdpClient();
        udp.Connect(IPAddress.Loopback, cluster.DnsPort);

        // A header that promises a question and a name cut short.
        await udp.SendAsync(
            new byte[] { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 5, (byte)'a' },
            TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var reply = (await udp.ReceiveAsync(timeout.Token)).Buffer;

        Assert.Equal(new byte[] { 0x12, 0x34 }, reply[..2]);
        Assert.True((reply[2] & 0x80) != 0, "the reply is not marked as a response");
        Assert.Equal((int)ReturnCode.FormatError, reply[3] & 0xF);
    }

    [Fact]
    public async Task Recursors_AnswerNamesOutsideTheDomain()
    {
        var recursorPort = FreePorts.Next();
        var recursor = new DnsServer(new UdpServerTransport(new IPEndPoint(IPAddress.Loopback, recursorPort)));
        recursor.QueryReceived += (_, e) =>
        {
            var query = (DnsMessage)e.Query;
            var response = query.CreateResponseInstance();
            if (query.Questions[0].Name.Equals(DomainName.Parse("example.test")))
            {
                response.AnswerRecords.Add(new ARecord(query.Questions[0].Name, 60, IPAddress.Parse("192.0.2.7")));
            }
            else
            {
                response.ReturnCode = ReturnCode.NxDomain;
            }

            e.Response = response;
            return Task.CompletedTask;
        };
        recursor.Start();
        try
        {
            await using var cluster = await StartAsync(dns => dns with { Recursors = [new IPEndPoint(IPAddress.Loopback, recursorPort)] });
            var answer = await Dig.AskAsync(cluster.DnsPort, "example.test");
            Assert.Equal(["192.0.2.7"], answer.Data("A"));
            Assert.Contains("ra", answer.Flags);
            Assert.Equal("NXDOMAIN", (await Dig.AskAsync(cluster.DnsPort, "other.test")).Status);
        }
        finally
        {
            recursor.Stop();
        }
    }

    [Fact]
    public async Task ImportedServices_AnswerUnderThePeersName()
    {
        await using var exporter = await PeeringCluster.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var dnsPort = FreePorts.Next();
        await using var importer = await PeeringCluster.StartAsync(
            c => c with
            {
                Datacenter = "dc2",
                Ports = c.Ports with { Dns = dnsPort },
            }, cancellationToken: TestContext.Current.CancellationToken);
        await PeeringSteps.PeerAsync(exporter, "cluster-02", importer, "cluster-01");
        await exporter.RegisterAsync("node-a", "backend", "backend-1", HealthStatus.Passing, TestContext.Current.CancellationToken);
        await exporter.RegisterAsync("node-b", "backend", "backend-2", HealthStatus.Passing, TestContext.Current.CancellationToken);
        await exporter.ExportAsync("backend", "cluster-02", TestContext.Current.CancellationToken);
        await PeeringSteps.WaitForImportedCountAsync(importer, "backend", "cluster-01", 2);

        var srv = await Dig.AskAsync(dnsPort, "backend.service.cluster-01.peer.consul", "SRV");
        Assert.Equal(
            ["1 1 8080 node-a.node.cluster-01.peer.consul.", "1 1 8080 node-b.node.cluster-01.peer.consul."],
            srv.Data("SRV").Order());
        Assert.Equal(["127.0.0.1"], (await Dig.AskAsync(dnsPort, "backend.service.cluster-01.peer.consul")).Data("A").Distinct());
        Assert.Equal(["127.0.0.1"], (await Dig.AskAsync(dnsPort, "node-a.node.cluster-01.peer.consul")).Data("A"));

        // Not a local service of the importer, and a single label after .service is a datacenter, not a peer.
        Assert.Equal("NXDOMAIN", (await Dig.AskAsync(dnsPort, "backend.service.consul")).Status);
        Assert.Equal("NXDOMAIN", (await Dig.AskAsync(dnsPort, "backend.service.cluster-01.consul")).Status);

        // A failing instance at the exporter leaves the importer's answers once its health has been replicated.
        await exporter.RegisterAsync("node-b", "backend", "backend-2", HealthStatus.Critical, TestContext.Current.CancellationToken);
        await Eventually.EqualAsync(
            "1 1 8080 node-a.node.cluster-01.peer.consul.",
            async () => string.Join(", ", (await Dig.AskAsync(dnsPort, "backend.service.cluster-01.peer.consul", "SRV")).Data("SRV")),
            Eventually.DefaultTimeout,
            "only node-a answers for backend at cluster-01", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ADnsPortInUse_StopsTheAgentNamingThePort()
    {
        var port = FreePorts.Next();
        using var taken = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, port));

        var error = await Assert.ThrowsAsync<IOException>(() => TestAgent.StartAsync(
            c => c with { Ports = c.Ports with { Dns = port } }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains($"Failed to bind the DNS port 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    private static async Task<DnsCluster> StartAsync(Func<Parley.Dns.DnsOptions, Parley.Dns.DnsOptions>? dns = null)
    {
        var port = FreePorts.Next();
        var agent = await TestAgent.StartAsync(
            c => c with { Ports = c.Ports with { Dns = port }, Dns = dns?.Invoke(c.Dns) ?? c.Dns },
            cancellationToken: TestContext.Current.CancellationToken);
        return new DnsCluster(agent, new ParleyClient(new ParleyClientOptions { Address = agent.Address.ToString() }), port);
    }

    private static async Task RegisterAsync(
        DnsCluster cluster, string node, string service, string id, string address, string status, List<string>? tags = null) =>
        await cluster.Client.Catalog.RegisterAsync(
            new CatalogRegistration
            {
                Node = node,
                Address = "127.0.0.1",
                Service = new AgentService { ID = id, Service = service, Port = 8080, Address = address, Tags = tags },
                Checks = [new HealthCheck { Node = node, CheckID = id + "-check", Name = id, Status = status, ServiceID = id }],
            },
            cancellationToken: TestContext.Current.CancellationToken);

    private sealed record DnsCluster(TestAgent Agent, ParleyClient Client, int DnsPort) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Agent.DisposeAsync();
        }
    }
}
