using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Agent;

/// <summary>
/// The agent runs the HTTP, TCP and TTL checks of the services registered with it, against real listeners, and
/// writes each change of status or output to the catalog.
/// </summary>
public sealed class AgentChecksTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task HttpCheck_FollowsTheEndpoint_2xxPassing429WarningElseCritical_WithBodyInOutput()
    {
        await using var endpoint = await ScriptedHttpEndpoint.StartAsync(Ct);
        endpoint.Respond(200, "all good");
        await Http.PutOkAsync("/v1/agent/service/register", $$$"""
            {"Name": "http-checked", "Port": {{{endpoint.HealthUrl.Port}}},
             "Check": {"CheckID": "http-checked", "HTTP": "{{{endpoint.HealthUrl}}}", "Interval": "200ms", "Timeout": "2s"}}
            """, Ct);

        var passing = await WaitForCheckAsync("http-checked", c => Status(c) == "passing");
        Assert.Equal($"HTTP GET {endpoint.HealthUrl}: 200 OK Output: all good", Output(passing));
        Assert.Single(await Http.GetJsonAsync<JsonArray>("/v1/health/service/http-checked?passing", Ct));

        endpoint.Respond(429, "slow down");
        var warning = await WaitForCheckAsync("http-checked", c => Status(c) == "warning");
        Assert.Contains("429", Output(warning));
        Assert.Contains("Output: slow down", Output(warning));

        endpoint.Respond(500, "boom");
        var critical = await WaitForCheckAsync("http-checked", c => Status(c) == "critical");
        Assert.Contains("500", Output(critical));
        Assert.Contains("Output: boom", Output(critical));
        Assert.Empty(await Http.GetJsonAsync<JsonArray>("/v1/health/service/http-checked?passing", Ct));

        endpoint.Respond(204, "");
        await WaitForCheckAsync("http-checked", c => Status(c) == "passing");
        Assert.True(endpoint.Requests >= 4);
    }

    [Fact]
    public async Task HttpCheck_NothingListening_Critical()
    {
        var port = Parley.Testing.FreePorts.Next();
        await Http.PutOkAsync("/v1/agent/service/register", $$$"""
            {"Name": "http-unreachable", "Check": {"HTTP": "http://127.0.0.1:{{{port}}}/health", "Interval": "200ms", "Timeout": "1s"}}
            """, Ct);

        var check = await WaitForCheckAsync("service:http-unreachable", c => Output(c).Length > 0);

        Assert.Equal("critical", Status(check));
        Assert.Contains($"127.0.0.1:{port}", Output(check));
    }

    [Fact]
    public async Task TcpCheck_PassingWhileListening_CriticalOnceStopped()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        try
        {
            await Http.PutOkAsync("/v1/agent/service/register", $$$"""
                {"Name": "tcp-checked", "Check": {"CheckID": "tcp-checked", "TCP": "{{{address}}}", "Interval": "200ms", "Timeout": "1s"}}
                """, Ct);

            var passing = await WaitForCheckAsync("tcp-checked", c => Status(c) == "passing");
            Assert.Equal($"TCP connect {address}: Success", Output(passing));

            listener.Stop();
            var critical = await WaitForCheckAsync("tcp-checked", c => Status(c) == "critical");
            Assert.StartsWith($"dial tcp {address}", Output(critical));
        }
        finally
        {
            listener.Dispose();
        }
    }

    [Fact]
    public async Task TtlCheck_PassWarnFailAndUpdate_ChangeStatusAndOutput()
    {
        await Http.PutOkAsync("/v1/agent/service/register", """
            {"Name": "ttl-checked", "Check": {"CheckID": "ttl-long", "TTL": "60s"}}
            """, Ct);

        await Http.PutOkAsync("/v1/agent/check/pass/ttl-long?note=all%20good", "", Ct);
        Assert.Equal(("passing", "all good"), await ReadCheckAsync("ttl-long"));
        Assert.Single(await Http.GetJsonAsync<JsonArray>("/v1/health/service/ttl-checked?passing", Ct));

        await Http.PutOkAsync("/v1/agent/check/warn/ttl-long?note=degraded", "", Ct);
        Assert.Equal(("warning", "degraded"), await ReadCheckAsync("ttl-long"));

        await Http.PutOkAsync("/v1/agent/check/fail/ttl-long?note=down", "", Ct);
        Assert.Equal(("critical", "down"), await ReadCheckAsync("ttl-long"));
        Assert.Empty(await Http.GetJsonAsync<JsonArray>("/v1/health/service/ttl-checked?passing", Ct));

        await Http.PutOkAsync("/v1/agent/check/update/ttl-long", """{"Status": "passing", "Output": "back"}""", Ct);
        Assert.Equal(("passing", "back"), await ReadCheckAsync("ttl-long"));
    }

    [Fact]
    public async Task ReRegisteringAService_KeepsItsChecksStatusAndOutput()
    {
        const string Registration = """
            {"Name": "re-registered", "Check": {"CheckID": "re-registered-ttl", "TTL": "60s"}}
            """;
        await Http.PutOkAsync("/v1/agent/service/register", Registration, Ct);
        await Http.PutOkAsync("/v1/agent/check/pass/re-registered-ttl?note=serving", "", Ct);

        // As Consul's agent: a process that registers itself again on restart stays healthy until a probe says otherwise.
        await Http.PutOkAsync("/v1/agent/service/register", Registration, Ct);

        Assert.Equal(("passing", "serving"), await ReadCheckAsync("re-registered-ttl"));
        Assert.Single(await Http.GetJsonAsync<JsonArray>("/v1/health/service/re-registered?passing", Ct));
    }

    [Fact]
    public async Task TtlCheck_NoUpdateWithinTtl_CriticalTtlExpired_ThenPassRevives()
    {
        await Http.PutOkAsync("/v1/agent/service/register", """
            {"Name": "ttl-expiring", "Check": {"CheckID": "ttl-short", "TTL": "1s"}}
            """, Ct);
        await Http.PutOkAsync("/v1/agent/check/pass/ttl-short?note=alive", "", Ct);
        Assert.Equal(("passing", "alive"), await ReadCheckAsync("ttl-short"));

        var expired = await WaitForCheckAsync("ttl-short", c => Status(c) == "critical");

        Assert.Equal("TTL expired", Output(expired));
        await Http.PutOkAsync("/v1/agent/check/pass/ttl-short?note=alive%20again", "", Ct);
        Assert.Equal(("passing", "alive again"), await ReadCheckAsync("ttl-short"));
    }

    private async Task<(string Status, string Output)> ReadCheckAsync(string checkId)
    {
        var checks = await Http.GetJsonAsync<JsonObject>("/v1/agent/checks", Ct);
        var check = checks[checkId];
        Assert.NotNull(check);
        return (Status(check), Output(check));
    }

    private Task<JsonNode> WaitForCheckAsync(string checkId, Func<JsonNode, bool> done) =>
        Eventually.ReadAsync(
            async () => (await Http.GetJsonAsync<JsonObject>("/v1/agent/checks", Ct))[checkId] ?? new JsonObject(),
            c => c["CheckID"] is not null && done(c),
            Deadline,
            $"check {checkId}",
            Ct);

    private static string Status(JsonNode check) => check["Status"]!.GetValue<string>();

    private static string Output(JsonNode check) => check["Output"]!.GetValue<string>();
}
