using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Parley.Api.Metrics;
using Parley.Testing;

namespace Parley.IntegrationTests.Metrics;

/// <summary><c>GET /v1/agent/metrics</c> on a real agent: Consul's JSON shape, the Prometheus format and its 415.</summary>
public sealed partial class MetricsEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Json_HasGoMetricsShape_WithRuntimeGaugesUnderTheHostName()
    {
        await using var agent = await TestAgent.StartAsync(
            c => c with { Telemetry = new TelemetryOptions { HostName = "box-1" } }, cancellationToken: Ct);

        var summary = JsonNode.Parse(await agent.Http.GetStringAsync("/v1/agent/metrics", Ct))!.AsObject();

        Assert.Equal(["Timestamp", "Gauges", "Points", "Counters", "Samples"], summary.Select(p => p.Key));
        Assert.Matches(GoTimestamp(), summary["Timestamp"]!.GetValue<string>());
        var gauges = summary["Gauges"]!.AsArray().Select(g => g!["Name"]!.GetValue<string>()).ToList();
        Assert.Contains("consul.box-1.runtime.alloc_bytes", gauges);
        Assert.True(summary["Gauges"]![0]!["Labels"] is JsonObject, "every gauge carries a Labels object");
    }

    [Fact]
    public async Task Prometheus_AfterARegistration_CountsTheRequestTheCommitAndTheRegistration()
    {
        await using var agent = await TestAgent.StartAsync(
            c => c with { Telemetry = new TelemetryOptions { DisableHostname = true, PrometheusRetentionTime = TimeSpan.FromHours(1) } },
                cancellationToken: Ct);
        using var body = new StringContent(
            """{"Node":"n1","Address":"10.0.0.1","Service":{"Service":"web"}}""", Encoding.UTF8, "application/json");
        (await agent.Http.PutAsync("/v1/catalog/register", body, Ct)).EnsureSuccessStatusCode();

        using var response = await agent.Http.GetAsync("/v1/agent/metrics?format=prometheus", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("consul_catalog_register_count 1", text, StringComparison.Ordinal);
        Assert.Contains("consul_api_http_count{method=\"PUT\",path=\"v1_catalog_register\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE consul_raft_commitTime summary", text, StringComparison.Ordinal);
        Assert.Contains("consul_raft_commitTime{quantile=\"0.99\"}", text, StringComparison.Ordinal);
        Assert.True(Value(text, "consul_raft_apply") >= 2, "the self-registration and the catalog write were both committed:\n" + text);
        Assert.True(Value(text, "consul_runtime_alloc_bytes") > 0, text);
    }

    [Fact]
    public async Task Prometheus_WithoutRetentionTime_Answers415WithConsulsText()
    {
        await using var agent = await TestAgent.StartAsync(cancellationToken: Ct);

        using var response = await agent.Http.GetAsync("/v1/agent/metrics?format=prometheus", Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Prometheus is not enabled since its retention time is not positive", await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The value of an unlabelled series in the Prometheus text.</summary>
    internal static double Value(string text, string series) =>
        text.Split('\n').Where(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(double.NaN).Single();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000 UTC$")]
    private static partial Regex GoTimestamp();
}
