using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Parley.Api.Metrics;

namespace Parley.IntegrationTests.Metrics;

/// <summary>
/// The sink on its own, with a meter of its agent's factory and time driven by the test: go-metrics' intervals, Consul's
/// names, and that another factory's instruments never show.
/// </summary>
public sealed class MetricsSinkTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 3, TimeSpan.Zero));

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Display_ShowsTheLastFinishedInterval_WithGoMetricsAggregates()
    {
        using var sink = new MetricsSink(Meters, new TelemetryOptions { DisableHostname = true }, _time);
        var meter = Meters.Create("Parley.Test");
        var timer = meter.CreateHistogram<double>("test.timer", "ms");
        var counter = meter.CreateCounter<long>("test.counter");

        timer.Record(10);
        timer.Record(30);
        counter.Add(2, new KeyValuePair<string, object?>("peer_name", "cluster-01"));
        var current = await sink.DisplayAsync(TestContext.Current.CancellationToken);
        Assert.Equal("2026-12-07 08:00:00 +0000 UTC", current.Timestamp);
        var sample = Assert.Single(current.Samples);
        Assert.Equal(
            ("consul.test.timer", 2, 40d, 10d, 30d, 20d),
            (sample.Name, sample.Count, sample.Sum, sample.Min, sample.Max, sample.Mean));
        Assert.Equal(Math.Sqrt(200), sample.Stddev, 9);
        var count = Assert.Single(current.Counters);
        Assert.Equal(("consul.test.counter", 2d, 0.2), (count.Name, count.Sum, count.Rate));
        Assert.Equal("cluster-01", count.Labels["peer_name"]);

        // The next interval has begun: the finished one is what Consul shows, not the new one's lone value.
        _time.Advance(TimeSpan.FromSeconds(10));
        timer.Record(1000);
        var finished = await sink.DisplayAsync(TestContext.Current.CancellationToken);
        Assert.Equal("2026-12-07 08:00:00 +0000 UTC", finished.Timestamp);
        Assert.Equal(2, Assert.Single(finished.Samples).Count);

        _time.Advance(TimeSpan.FromSeconds(10));
        var later = await sink.DisplayAsync(TestContext.Current.CancellationToken);
        Assert.Equal("2026-12-07 08:00:10 +0000 UTC", later.Timestamp);
        Assert.Equal(1000, Assert.Single(later.Samples).Max);
        Assert.Empty(later.Counters);
    }

    [Fact]
    public async Task Gauges_CarryTheHostNameUnlessDisabled_AndSeriesThatStopReportingDisappear()
    {
        using var sink = new MetricsSink(Meters, new TelemetryOptions
        {
            HostName = "box-1",
            PrometheusRetentionTime = TimeSpan.FromMinutes(1),
        }, _time);
        var peers = new List<string> { "cluster-01", "cluster-02" };
        Meters.Create("Parley.Test").CreateObservableGauge(
            "peering.healthy", ()
                => peers.Select(p => new Measurement<int>(1, new KeyValuePair<string, object?>("peer_name", p))).ToList());

        var both = await sink.DisplayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["cluster-01", "cluster-02"],
            both.Gauges.Where(g => g.Name == "consul.box-1.peering.healthy").Select(g => g.Labels["peer_name"]).Order());

        peers.Remove("cluster-02");
        var one = await sink.DisplayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["cluster-01"], one.Gauges.Where(g => g.Name == "consul.box-1.peering.healthy").Select(g => g.Labels["peer_name"]));
        var text = await PrometheusTextAsync(sink);
        Assert.Contains("consul_box_1_peering_healthy{peer_name=\"cluster-01\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cluster-02", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyThisAgentsParleyMeters_AreListenedTo()
    {
        using var sink = new MetricsSink(Meters, new TelemetryOptions { DisableHostname = true }, _time);
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        otherServices.GetRequiredService<IMeterFactory>().Create("Parley.Test").CreateCounter<long>("other.agent").Add(1);
        Meters.Create("Microsoft.AspNetCore.Test").CreateCounter<long>("aspnetcore.thing").Add(1);
        Meters.Create("Parley.Test").CreateCounter<long>("this.agent").Add(1);

        var summary = await sink.DisplayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["consul.this.agent"], summary.Counters.Select(c => c.Name));
    }

    [Fact]
    public async Task Prometheus_IsOffWithoutRetention_AndNamesFollowThePrefix()
    {
        using var off = new MetricsSink(Meters, new TelemetryOptions(), _time);
        Assert.False(off.PrometheusEnabled);
        await Assert.ThrowsAsync<InvalidOperationException>(() => PrometheusTextAsync(off));

        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var on = new MetricsSink(meters, new TelemetryOptions
        {
            MetricsPrefix = "parley",
            PrometheusRetentionTime = TimeSpan.FromHours(1),
        }, _time);
        meters.Create("Parley.Test").CreateCounter<long>("raft.apply").Add(3);

        Assert.Contains("parley_raft_apply 3", await PrometheusTextAsync(on), StringComparison.Ordinal);
    }

    private static async Task<string> PrometheusTextAsync(MetricsSink sink)
    {
        using var buffer = new MemoryStream();
        await sink.WritePrometheusAsync(buffer, TestContext.Current.CancellationToken);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
