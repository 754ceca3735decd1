using Parley.Client;
using Parley.Testing;

namespace Parley.IntegrationTests.Peering;

/// <summary>
/// Streams that break recover by themselves: a restarted acceptor, a partition that stops heartbeats, a dead acceptor at establish.
/// </summary>
public sealed class PeeringResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcceptorRestart_WithItsDataDir_StreamComesBackActiveAndImportsAreReconciled()
    {
        var dataDir = Directory.CreateTempSubdirectory("parley-peering-restart-").FullName;
        PeeringCluster? acceptor = null;
        try
        {
            acceptor = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc1" }, dataDir, Ct);
            await using var dialer = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc2" }, cancellationToken: Ct);
            await acceptor.RegisterAsync("node-a", "web", "web-1", HealthStatus.Passing, Ct);
            await dialer.RegisterAsync("node-b", "api", "api-1", HealthStatus.Passing, Ct);
            await PeeringSteps.PeerAsync(acceptor, "cluster-b", dialer, "cluster-a");
            await acceptor.ExportAsync("web", "cluster-b", Ct);
            await dialer.ExportAsync("api", "cluster-a", Ct);
            await PeeringSteps.WaitForImportedCountAsync(dialer, "web", "cluster-a", 1);
            await PeeringSteps.WaitForImportedCountAsync(acceptor, "api", "cluster-b", 1);

            // The acceptor goes down; the dialer reports FAILING and its exports change meanwhile.
            var (ports, nodeName) = (acceptor.Ports, acceptor.NodeName);
            await acceptor.DisposeAsync();
            acceptor = null;
            await PeeringSteps.WaitForStateAsync(dialer, "cluster-a", PeeringState.Failing);
            await dialer.Client.Catalog.DeregisterAsync(
                new CatalogDeregistration { Node = "node-b", ServiceID = "api-1" },
                cancellationToken: Ct);
            await dialer.RegisterAsync("node-b", "api", "api-2", HealthStatus.Warning, Ct);
            await dialer.RegisterAsync("node-c", "api", "api-3", HealthStatus.Passing, Ct);

            // Back with the same data dir and ports: the stored peering and secret let the dialer in again.
            acceptor = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc1", NodeName = nodeName, Ports = ports }, dataDir, Ct);
            await PeeringSteps.WaitForStateAsync(acceptor, "cluster-b", PeeringState.Active, TimeSpan.FromSeconds(60));
            await PeeringSteps.WaitForStateAsync(dialer, "cluster-a", PeeringState.Active);
            await Eventually.EqualAsync(
                "api-2=warning,api-3=passing",
                async () => string.Join(",", (await acceptor.ImportedAsync("api", "cluster-b", Ct))
                    .Select(e => $"{e.Service!.ID}={e.Checks!.Single().Status}").Order(StringComparer.Ordinal)),
                Eventually.DefaultTimeout,
                "the acceptor's imports match what the dialer exports now", Ct);

            // And the acceptor's own changes flow again.
            await acceptor.RegisterAsync("node-a", "web", "web-2", HealthStatus.Passing, Ct);
            await PeeringSteps.WaitForImportedCountAsync(dialer, "web", "cluster-a", 2);
        }
        finally
        {
            if (acceptor is not null)
            {
                await acceptor.DisposeAsync();
            }

            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task HeartbeatTimeout_PartitionThenHeal_GoesFailingThenActiveAgain()
    {
        static Parley.Agent.Configuration.AgentConfig Fast(Parley.Agent.Configuration.AgentConfig c, string dc) => c with
        {
            Datacenter = dc,
            PeeringHeartbeatInterval = TimeSpan.FromMilliseconds(200),
            PeeringHeartbeatTimeout = TimeSpan.FromSeconds(1.5),
        };

        await using var acceptor = await PeeringCluster.StartAsync(c => Fast(c, "dc1"), cancellationToken: Ct);
        await using var dialer = await PeeringCluster.StartAsync(c => Fast(c, "dc2"), cancellationToken: Ct);
        await using var relay = new TcpRelay(acceptor.Ports.GrpcTls);
        await acceptor.RegisterAsync("node-a", "web", "web-1", HealthStatus.Passing, Ct);

        // The dialer reaches the acceptor only through the relay (the token's external address).
        await PeeringSteps.PeerAsync(acceptor, "cluster-b", dialer, "cluster-a", [relay.Address]);
        await acceptor.ExportAsync("web", "cluster-b", Ct);
        await PeeringSteps.WaitForImportedCountAsync(dialer, "web", "cluster-a", 1);
        await Eventually.TrueAsync(
            async () => ((await dialer.PeeringAsync("cluster-a", Ct))!.StreamStatus.LastHeartbeat is not null, "no heartbeat yet"),
            Eventually.DefaultTimeout,
            "the dialer received a heartbeat", Ct);

        relay.Freeze();
        await PeeringSteps.WaitForStateAsync(dialer, "cluster-a", PeeringState.Failing, TimeSpan.FromSeconds(10));
        await PeeringSteps.WaitForStateAsync(acceptor, "cluster-b", PeeringState.Failing, TimeSpan.FromSeconds(10));
        var failing = await RawPeeringAsync(acceptor, "cluster-b");
        Assert.Contains("heartbeat timeout", failing, StringComparison.Ordinal);

        // Imported data survives a broken stream.
        Assert.Single(await dialer.ImportedAsync("web", "cluster-a", Ct));

        relay.Thaw();
        await PeeringSteps.WaitForStateAsync(dialer, "cluster-a", PeeringState.Active, TimeSpan.FromSeconds(30));
        await PeeringSteps.WaitForStateAsync(acceptor, "cluster-b", PeeringState.Active, TimeSpan.FromSeconds(10));
        await acceptor.RegisterAsync("node-a", "web", "web-2", HealthStatus.Passing, Ct);
        await PeeringSteps.WaitForImportedCountAsync(dialer, "web", "cluster-a", 2);
    }

    [Fact]
    public async Task Establish_AcceptorStopped_FailsClearlyAndWritesNothing()
    {
        string token;
        await using (var acceptor = await PeeringCluster.StartAsync(cancellationToken: Ct))
        {
            token = await PeeringSteps.GenerateTokenAsync(acceptor, "cluster-b");
        }

        await using var dialer = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc2" }, cancellationToken: Ct);
        var refused = await Assert.ThrowsAsync<ParleyApiException>(() => dialer.Client.Peerings.EstablishAsync(
            new PeeringEstablishRequest { PeerName = "cluster-a", PeeringToken = token }, cancellationToken: Ct));

        Assert.Contains("failed to exchange peering secret through address \"127.0.0.1:", refused.Body, StringComparison.Ordinal);
        Assert.Null(await dialer.PeeringAsync("cluster-a", Ct));
        Assert.Empty((await dialer.Client.Peerings.ListAsync(cancellationToken: Ct)).Value);
    }

    private static async Task<string> RawPeeringAsync(PeeringCluster cluster, string name) =>
        await cluster.Agent.Http.GetStringAsync("/v1/peering/" + name, Ct);
}
