using Parley.Agent.Configuration;
using Parley.Client;
using Parley.Testing;

namespace Parley.IntegrationTests.Peering;

/// <summary>
/// Honest health, end to end: <c>StreamStatus.Healthy</c>, <c>LastError</c> and <c>ImportedAt</c> on the peering, and the
/// freshness headers on <c>/v1/health/service/:s?peer=</c>, while the stream is up and after the peer's server is gone.
/// </summary>
public sealed class PeeringHealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AgentConfig Fast(AgentConfig c, string dc) => c with
    {
        Datacenter = dc,
        PeeringHeartbeatInterval = TimeSpan.FromMilliseconds(200),
        PeeringHeartbeatTimeout = TimeSpan.FromSeconds(1.5),
    };

    [Fact]
    public async Task PeerServerKilled_ImporterReportsUnhealthyWithTheErrorAndStaleHeaders()
    {
        var acceptor = await PeeringCluster.StartAsync(c => Fast(c, "dc1"), cancellationToken: Ct);
        await using var dialer = await PeeringCluster.StartAsync(c => Fast(c, "dc2"), cancellationToken: Ct);
        try
        {
            await acceptor.RegisterAsync("health-node", "health-api", "health-api-1", HealthStatus.Passing, Ct);
            await PeeringSteps.PeerAsync(acceptor, "cluster-b", dialer, "cluster-a");
            await acceptor.ExportAsync("health-api", "cluster-b", Ct);
            await PeeringSteps.WaitForImportedCountAsync(dialer, "health-api", "cluster-a", 1);

            // Up: healthy, the import time of the service known, fresh data.
            await Eventually.TrueAsync(
                async () =>
                {
                    var s = (await dialer.PeeringAsync("cluster-a", Ct))!.StreamStatus;
                    return (
                        s.Healthy == true && s.ImportedAt?.ContainsKey("health-api") == true,
                        $"healthy {s.Healthy}, imported {string.Join(",", s.ImportedAt?.Keys.ToList() ?? [])}");
                },
                Eventually.DefaultTimeout,
                "the dialer reports a healthy stream with the service's import time", Ct);
            using (var fresh = await dialer.Agent.Http.GetAsync("/v1/health/service/health-api?peer=cluster-a", Ct))
            {
                Assert.Equal("true", fresh.Headers.GetValues("X-Parley-Peer-Healthy").Single());
                Assert.InRange(
                    int.Parse(fresh.Headers.GetValues("X-Parley-Peer-Data-Age").Single(),
                    System.Globalization.CultureInfo.InvariantCulture), 0, 60);
            }

            // The peer's only server is gone: unhealthy, with the dial error, and the read says so.
            await acceptor.DisposeAsync();
            acceptor = null;
            await Eventually.TrueAsync(
                async () =>
                {
                    var s = (await dialer.PeeringAsync("cluster-a", Ct))!.StreamStatus;
                    return (
                        s.Healthy == false && s.LastError is { Message.Length: > 0 }, $"healthy {s.Healthy}, error {s.LastError?.Message}");
                },
                Eventually.DefaultTimeout,
                "the dialer reports the stream unhealthy with its last error", Ct);
            using var stale = await dialer.Agent.Http.GetAsync("/v1/health/service/health-api?peer=cluster-a", Ct);
            Assert.Equal("false", stale.Headers.GetValues("X-Parley-Peer-Healthy").Single());
            Assert.True(stale.Headers.Contains("X-Parley-Peer-Data-Age"));

            // The local read of a service carries no peer headers: a Consul client sees nothing new.
            using var local = await dialer.Agent.Http.GetAsync("/v1/health/service/health-api", Ct);
            Assert.False(local.Headers.Contains("X-Parley-Peer-Healthy"));
        }
        finally
        {
            if (acceptor is not null)
            {
                await acceptor.DisposeAsync();
            }
        }
    }
}
