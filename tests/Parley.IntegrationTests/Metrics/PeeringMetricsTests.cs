using Parley.Api.Metrics;
using Parley.IntegrationTests.Peering;
using Parley.Testing;

namespace Parley.IntegrationTests.Metrics;

/// <summary>
/// The peering gauges as an operator graphs them: Debian's Prometheus scrapes the acceptor of a real peering and sees
/// them change when the peering is established, when a service is exported, and when the peer stops.
/// </summary>
public sealed class PeeringMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PrometheusSeesThePeeringGaugesFollowThePeering()
    {
        static Parley.Agent.Configuration.AgentConfig Configure(Parley.Agent.Configuration.AgentConfig c, string dc) => c with
        {
            Datacenter = dc,
            PeeringHeartbeatInterval = TimeSpan.FromMilliseconds(200),
            PeeringHeartbeatTimeout = TimeSpan.FromSeconds(1.5),
            Telemetry = new TelemetryOptions { DisableHostname = true, PrometheusRetentionTime = TimeSpan.FromMinutes(1) },
        };

        await using var acceptor = await PeeringCluster.StartAsync(c => Configure(c, "dc1"), cancellationToken: Ct);
        PeeringCluster? dialer = await PeeringCluster.StartAsync(c => Configure(c, "dc2"), cancellationToken: Ct);
        try
        {
            await using var prometheus = await PrometheusServer.StartAsync(acceptor.Agent.Address, Ct);
            await acceptor.RegisterAsync("node-a", "web", "web-1", Parley.Client.HealthStatus.Passing, Ct);

            await PeeringSteps.PeerAsync(acceptor, "cluster-b", dialer, "cluster-a");
            var id = (await acceptor.PeeringAsync("cluster-b", Ct))!.ID;
            await WaitForAsync(prometheus, $"consul_peering_healthy{{peer_name=\"cluster-b\",peer_id=\"{id}\"}}", 1);
            await WaitForAsync(prometheus, "consul_peering_stream_connected{peer_name=\"cluster-b\"}", 1);
            await WaitForAsync(prometheus, "consul_peering_exported_services{peer_name=\"cluster-b\"}", 0);

            await acceptor.ExportAsync("web", "cluster-b", Ct);
            await WaitForAsync(prometheus, "consul_peering_exported_services{peer_name=\"cluster-b\"}", 1);

            await dialer.DisposeAsync();
            dialer = null;
            await WaitForAsync(prometheus, "consul_peering_stream_connected{peer_name=\"cluster-b\"}", 0);
            await WaitForAsync(prometheus, "consul_peering_healthy{peer_name=\"cluster-b\"}", 0);
        }
        finally
        {
            if (dialer is not null)
            {
                await dialer.DisposeAsync();
            }
        }
    }

    private static Task WaitForAsync(PrometheusServer prometheus, string query, double expected) =>
        Eventually.EqualAsync<double?>(
            expected, () => prometheus.ValueAsync(query, Ct), Eventually.DefaultTimeout, $"Prometheus reads {query} = {expected}", Ct);
}
